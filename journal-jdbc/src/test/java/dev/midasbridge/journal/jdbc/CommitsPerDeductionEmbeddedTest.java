package dev.midasbridge.journal.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link CommitsPerDeductionContract} on the embedded (H2) journal. */
class CommitsPerDeductionEmbeddedTest extends CommitsPerDeductionContract {
    @TempDir
    Path dir;

    @Override
    JdbcJournal open() {
        return JdbcJournal.embedded(dir.resolve("journal"));
    }
}
