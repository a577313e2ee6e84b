package dev.midasbridge.simulator;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The active faults; each matching call uses up one of a fault's {@code times}. */
final class Faults {
    private static final class Slot {
        final Fault fault;
        final AtomicInteger left;

        Slot(Fault fault) {
            this.fault = fault;
            this.left = new AtomicInteger(fault.times());
        }

        boolean take() {
            if (fault.times() == Fault.UNLIMITED) {
                return true;
            }
            while (true) {
                int n = left.get();
                if (n <= 0) {
                    return false;
                }
                if (left.compareAndSet(n, n - 1)) {
                    return true;
                }
            }
        }
    }

    static final Set<FaultKind> BEFORE_APPLY = EnumSet.of(
            FaultKind.BUSY, FaultKind.ERRCODE, FaultKind.DROP_BEFORE_APPLY, FaultKind.HTTP_502, FaultKind.NOT_JSON);
    static final Set<FaultKind> AFTER_APPLY = EnumSet.of(FaultKind.STALL_AFTER_APPLY, FaultKind.DROP_AFTER_APPLY);

    private final List<Slot> slots = new CopyOnWriteArrayList<>();

    void add(Fault fault) {
        slots.add(new Slot(fault));
    }

    void clear() {
        slots.clear();
    }

    List<Fault> active() {
        return slots.stream()
                .filter(s -> s.fault.times() == Fault.UNLIMITED || s.left.get() > 0)
                .map(s -> s.fault)
                .toList();
    }

    /** Uses up and returns the first active fault of one of {@code kinds} that matches the call. */
    Optional<Fault> take(Set<FaultKind> kinds, String endpoint, String openid, Set<String> billNos) {
        for (Slot s : slots) {
            if (kinds.contains(s.fault.kind()) && s.fault.matches(endpoint, openid, billNos) && s.take()) {
                slots.removeIf(x -> x.fault.times() != Fault.UNLIMITED && x.left.get() <= 0);
                return Optional.of(s.fault);
            }
        }
        return Optional.empty();
    }
}
