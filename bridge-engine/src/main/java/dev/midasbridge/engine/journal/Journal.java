package dev.midasbridge.engine.journal;

import dev.midasbridge.core.order.OrderNo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The bridge's durable record of every coin-moving order, holding the typed operation as sent and the server's
 * receipt: the intent and its first attempt are written together just before the first request is sent
 * ({@link #startFirstAttempt}), every later attempt is marked before it is sent, and every answer after; an order
 * whose call was never sent is journaled as such ({@link #recordIntent}, then {@link #finish}). A deduction that is
 * answered on its first attempt therefore costs two commits. Implementations are safe for concurrent writers,
 * including several game servers sharing one database: one order, one row, one version, whichever writer wins.
 */
public interface Journal extends AutoCloseable {
    /** Writes {@code intent} unless the order is journaled already; returns the row that is stored (ours or theirs). */
    JournalEntry recordIntent(JournalEntry intent);

    /**
     * Journals {@code intent} together with its first attempt, as sent (attempts 1, maybe-applied set, PENDING), in
     * one transaction: called just before the first request goes on the wire. If the order is journaled already,
     * writes nothing and throws {@link JournalConflict} with the stored row.
     */
    AttemptStart startFirstAttempt(JournalEntry intent, Instant now);

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
    List<JournalEntry> refundsOf(JournalKey deduction, OrderNo deductionWireOrderNo);

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
