package dev.midasbridge.journal.jdbc;

import dev.midasbridge.engine.ConcurrentAttemptsContract;
import dev.midasbridge.engine.journal.Journal;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The fleet race of {@link ConcurrentAttemptsContract} on the embedded (H2) journal, one handle per process. */
class ConcurrentAttemptsEmbeddedTest extends ConcurrentAttemptsContract {
    @TempDir
    Path dir;

    @Override
    protected Journal openJournal() {
        return JdbcJournal.embedded(dir.resolve("journal"));
    }

    @Override
    protected Journal openSecondHandle(Journal first) {
        return JdbcJournal.embedded(dir.resolve("journal"));
    }
}
