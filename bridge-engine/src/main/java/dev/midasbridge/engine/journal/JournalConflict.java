package dev.midasbridge.engine.journal;

import java.util.Objects;

/**
 * {@link Journal#startFirstAttempt} found the order journaled already (another writer, in this process or another,
 * journaled it first) and wrote nothing: the caller goes on from {@link #stored()}, the row as it is now.
 */
public final class JournalConflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient JournalEntry stored;

    public JournalConflict(JournalEntry stored) {
        super("order " + stored.key() + " is journaled already", null, false, false);
        this.stored = Objects.requireNonNull(stored, "stored");
    }

    /** The row another writer journaled. */
    public JournalEntry stored() {
        return stored;
    }
}
