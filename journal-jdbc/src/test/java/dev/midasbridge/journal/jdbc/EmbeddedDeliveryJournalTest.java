package dev.midasbridge.journal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.engine.delivery.DeliveryJournal;
import dev.midasbridge.engine.delivery.DeliveryJournalContract;
import dev.midasbridge.engine.delivery.DeliveryRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery journal suite in the embedded journal's H2 file (its tables beside the journal's, migration V3). */
class EmbeddedDeliveryJournalTest extends DeliveryJournalContract {
    @TempDir
    Path dir;

    private final List<JdbcJournal> opened = new ArrayList<>();

    @Override
    protected DeliveryJournal open() {
        JdbcJournal j = JdbcJournal.embedded(dir.resolve("journal"));
        opened.add(j);
        return j.deliveries();
    }

    @Override
    protected DeliveryJournal openAnother() {
        // one process holds the file; a second handle shares its pool as a second gateway thread would
        return opened.get(0).deliveries();
    }

    @AfterEach
    void closeJournals() {
        opened.forEach(JdbcJournal::close);
    }

    @Test
    void deliveriesSurviveClosingAndReopeningTheFile() {
        DeliveryRecord e = journal.receive(event("kept"));
        journal.claim(e.dedupKey(), "a", T0, LEASE).orElseThrow();
        journal.beforeSend(e.dedupKey(), "a", T0, LEASE).orElseThrow();
        opened.get(0).close();
        opened.clear();
        journal = open();
        DeliveryRecord read = journal.find(e.dedupKey()).orElseThrow();
        assertEquals(1, read.sendAttempts());
        assertTrue(read.maybeDelivered());
    }
}
