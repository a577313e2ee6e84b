package dev.midasbridge.journal.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link GroupCommitContract} on the embedded (H2) journal. */
class GroupCommitEmbeddedTest extends GroupCommitContract {
    @TempDir
    Path dir;

    @Override
    JdbcJournal open() {
        return JdbcJournal.embedded(dir.resolve("journal"));
    }
}
