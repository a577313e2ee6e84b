package dev.midasbridge.engine.journal;

import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A journal kept in memory: for tests and benchmarks. Nothing survives the process. */
public final class InMemoryJournal implements Journal {
    private final Map<JournalKey, JournalEntry> rows = new ConcurrentHashMap<>();
    private final Map<JournalKey, List<JournalEvent>> events = new ConcurrentHashMap<>();

    private InMemoryJournal() {}

    public static InMemoryJournal create() {
        return new InMemoryJournal();
    }

    @Override
    public JournalEntry recordIntent(JournalEntry intent) {
        JournalEntry stored = rows.putIfAbsent(intent.key(), intent);
        if (stored == null) {
            event(
                    intent.key(),
                    intent.createdAt(),
                    "intent recorded: " + intent.kind() + " on "
                            + intent.version().label() + " as " + intent.wireOrderNo());
            return intent;
        }
        return stored;
    }

    @Override
    public AttemptStart startFirstAttempt(JournalEntry intent, Instant now) {
        JournalEntry first =
                intent.withState(OrderStatus.PENDING, 1, true, false, Optional.empty(), Optional.empty(), now);
        JournalEntry stored = rows.putIfAbsent(intent.key(), first);
        if (stored != null) {
            throw new JournalConflict(stored);
        }
        List<JournalEvent> list = events.computeIfAbsent(intent.key(), k -> new ArrayList<>(4));
        synchronized (list) {
            list.add(new JournalEvent(
                    intent.createdAt(),
                    "intent recorded: " + intent.kind() + " on "
                            + intent.version().label() + " as " + intent.wireOrderNo()));
            list.add(new JournalEvent(now, "attempt 1 sent"));
        }
        return AttemptStart.FIRST;
    }

    @Override
    public Optional<JournalEntry> find(JournalKey key) {
        return Optional.ofNullable(rows.get(key));
    }

    @Override
    public AttemptStart startAttempt(JournalKey key, Instant now) {
        AttemptStart[] out = new AttemptStart[1];
        rows.computeIfPresent(key, (k, e) -> {
            out[0] = new AttemptStart(e.attempts() + 1, e.maybeApplied(), e.status());
            OrderStatus status = e.status() == OrderStatus.APPLIED ? OrderStatus.APPLIED : OrderStatus.PENDING;
            return e.withState(status, e.attempts() + 1, true, e.flagged(), e.receipt(), e.lastError(), now);
        });
        if (out[0] == null) {
            throw new IllegalStateException("order " + key + " is not journaled");
        }
        event(key, now, "attempt " + out[0].attempt() + " sent");
        return out[0];
    }

    @Override
    public void finish(JournalKey key, Resolution r, Instant now) {
        rows.computeIfPresent(key, (k, e) -> {
            if (e.status() == OrderStatus.APPLIED && r.status() != OrderStatus.APPLIED) {
                return e;
            }
            return e.withState(
                    r.status(),
                    e.attempts(),
                    r.maybeApplied(),
                    e.flagged(),
                    r.receipt().isPresent() ? r.receipt() : e.receipt(),
                    r.error().isPresent() ? r.error() : e.lastError(),
                    now);
        });
        event(key, now, r.event());
    }

    @Override
    public List<JournalEntry> refundsOf(JournalKey deduction, OrderNo deductionWireOrderNo) {
        return sorted(rows.values().stream()
                .filter(e -> e.operation() instanceof Refund r
                        && e.key().environment() == deduction.environment()
                        && e.key().openid().equals(deduction.openid())
                        && e.key().zoneId().equals(deduction.zoneId())
                        && r.deductionOrderNo().equals(deductionWireOrderNo))
                .toList());
    }

    @Override
    public List<JournalEntry> unresolved() {
        return sorted(
                rows.values().stream().filter(e -> e.status().unresolved()).toList());
    }

    @Override
    public List<JournalEntry> flagUnresolvedOlderThan(Instant cutoff, Instant now) {
        for (JournalEntry e : unresolved()) {
            if (e.createdAt().isBefore(cutoff) && !e.flagged()) {
                rows.computeIfPresent(
                        e.key(),
                        (k, cur) -> cur.withState(
                                cur.status(),
                                cur.attempts(),
                                cur.maybeApplied(),
                                cur.status().unresolved(),
                                cur.receipt(),
                                cur.lastError(),
                                now));
                event(e.key(), now, "flagged for a person: unresolved since " + e.createdAt());
            }
        }
        return sorted(rows.values().stream()
                .filter(e -> e.flagged() && e.status().unresolved())
                .toList());
    }

    @Override
    public List<JournalEntry> list(int limit) {
        List<JournalEntry> all = sorted(new ArrayList<>(rows.values()));
        return all.subList(0, Math.min(limit, all.size()));
    }

    @Override
    public List<JournalEvent> history(JournalKey key) {
        List<JournalEvent> list = events.get(key);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    private void event(JournalKey key, Instant at, String text) {
        List<JournalEvent> list = events.computeIfAbsent(key, k -> new ArrayList<>(4));
        synchronized (list) {
            list.add(new JournalEvent(at, text));
        }
    }

    private static List<JournalEntry> sorted(List<JournalEntry> list) {
        List<JournalEntry> out = new ArrayList<>(list);
        out.sort(Comparator.comparing(JournalEntry::createdAt)
                .thenComparing(e -> e.key().toString()));
        return out;
    }
}
