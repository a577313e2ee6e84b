package dev.midasbridge.engine.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The bridge's durable record of every coin-moving order: the intent is written before the first call, every
 * attempt is marked before it is sent, and every answer after. Implementations are safe for concurrent writers,
 * including several game servers sharing one database: one order, one row, one version, whichever writer wins.
 */
public interface Journal extends AutoCloseable {
    /** Writes {@code intent} unless the order is journaled already; returns the row that is stored (ours or theirs). */
    JournalEntry recordIntent(JournalEntry intent);

    /** The order, if journaled. */
    Optional<JournalEntry> find(JournalKey key);

    /**
     * Marks a new attempt before it is sent: attempts + 1, maybe-applied set (so a crash during the call leaves the
     * order unresolved), status PENDING unless APPLIED. Returns what was there before. Serialised per order.
     */
    AttemptStart startAttempt(JournalKey key, Instant now);

    /** Records how an attempt ended. Never turns an APPLIED order into anything else. */
    void finish(JournalKey key, Resolution resolution, Instant now);

    /** The refunds journaled against the deduction sent as {@code deductionWireOrderNo}, oldest first. */
    List<JournalEntry> refundsOf(JournalKey deduction, String deductionWireOrderNo);

    /** Orders PENDING or UNKNOWN, oldest first. */
    List<JournalEntry> unresolved();

    /** Flags every unresolved order created before {@code cutoff} for a person; returns all flagged unresolved orders. */
    List<JournalEntry> flagUnresolvedOlderThan(Instant cutoff, Instant now);

    /** Every order, oldest first, at most {@code limit}. */
    List<JournalEntry> list(int limit);

    /** Every order, newest first, at most {@code limit} (the newest ones). */
    default List<JournalEntry> listNewestFirst(int limit) {
        List<JournalEntry> all = new java.util.ArrayList<>(list(Integer.MAX_VALUE));
        java.util.Collections.reverse(all);
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /** What happened to the order, oldest first. */
    List<JournalEvent> history(JournalKey key);

    /** Releases connections; the default does nothing. */
    @Override
    default void close() {}
}
