package dev.midasbridge.engine;

import dev.midasbridge.core.operation.Balance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/** The shadow reads so far: how many were compared, how many diverged (the latest 10,000 kept), how many failed. */
public final class ShadowReport {
    private static final int KEEP = 10_000;

    private final AtomicLong compared = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong diverged = new AtomicLong();
    private final ConcurrentLinkedDeque<Divergence> latest = new ConcurrentLinkedDeque<>();

    ShadowReport() {}

    public long compared() {
        return compared.get();
    }

    /** Shadow reads that could not be compared because the other version failed to answer. */
    public long failed() {
        return failed.get();
    }

    public long diverged() {
        return diverged.get();
    }

    /** The latest divergences, oldest first. */
    public List<Divergence> divergences() {
        return new ArrayList<>(latest);
    }

    void recordFailure() {
        failed.incrementAndGet();
    }

    /** Compares and records; returns the differing fields. */
    List<Divergence.Field> compare(Balance v1, Balance v2) {
        compared.incrementAndGet();
        List<Divergence.Field> fields = new ArrayList<>();
        diff(fields, "balance", v1.balance(), v2.balance());
        diff(fields, "present_balance", v1.presentBalance(), v2.presentBalance());
        diff(fields, "first_save_flag", v1.firstSave() ? 1 : 0, v2.firstSave() ? 1 : 0);
        diff(fields, "sum_save", v1.sumSave(), v2.sumSave());
        diff(fields, "sum_balance", v1.sumBalance(), v2.sumBalance());
        diff(fields, "sum_cost", v1.sumCost(), v2.sumCost());
        diff(fields, "sum_present", v1.sumPresent(), v2.sumPresent());
        return fields;
    }

    void record(Divergence d) {
        diverged.incrementAndGet();
        latest.addLast(d);
        while (latest.size() > KEEP) {
            latest.pollFirst();
        }
    }

    private static void diff(List<Divergence.Field> out, String name, long a, long b) {
        if (a != b) {
            out.add(new Divergence.Field(name, a, b));
        }
    }
}
