package dev.midasbridge.journal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalContract;
import dev.midasbridge.engine.journal.JournalEntry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal suite on the embedded engine (an H2 file), the default. */
class EmbeddedJournalTest extends JournalContract {
    @TempDir
    Path dir;

    @Override
    protected Journal open() {
        return JdbcJournal.embedded(dir.resolve("journal"));
    }

    @Override
    protected Journal openAnother() {
        // H2 embedded allows one process; several handles in it behave like several servers' connections.
        return JdbcJournal.embedded(dir.resolve("journal"));
    }

    @Test
    void ordersSurviveClosingAndReopeningTheFile() {
        journal.recordIntent(intent("kept", ApiVersion.PAY_V2));
        journal.startAttempt(key("kept"), T0);
        journal.close();
        journal = JdbcJournal.embedded(dir.resolve("journal"));
        JournalEntry e = journal.find(key("kept")).orElseThrow();
        assertEquals(1, e.attempts());
        assertTrue(e.maybeApplied());
        assertEquals(1, journal.unresolved().size());
    }
}
