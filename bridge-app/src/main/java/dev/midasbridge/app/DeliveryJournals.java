package dev.midasbridge.app;

import dev.midasbridge.engine.delivery.DeliveryJournal;
import dev.midasbridge.engine.delivery.InMemoryDeliveryJournal;
import dev.midasbridge.engine.journal.InMemoryJournal;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.journal.jdbc.JdbcJournal;

/**
 * The delivery journal (push deliveries, client payments) that goes with a bridge journal: in the same database for
 * a JDBC journal (embedded H2 or PostgreSQL, same pool), in memory beside an in-memory journal.
 */
public final class DeliveryJournals {
    private DeliveryJournals() {}

    /** The delivery journal in {@code journal}'s database; valid while {@code journal} is open. */
    public static DeliveryJournal of(Journal journal) {
        Journal j = journal instanceof LazyJournal lazy ? lazy.openedJournal() : journal;
        if (j instanceof JdbcJournal jdbc) {
            return jdbc.deliveries();
        }
        if (j instanceof InMemoryJournal) {
            return InMemoryDeliveryJournal.create();
        }
        throw new IllegalArgumentException(
                "no delivery journal for a " + j.getClass().getSimpleName());
    }
}
