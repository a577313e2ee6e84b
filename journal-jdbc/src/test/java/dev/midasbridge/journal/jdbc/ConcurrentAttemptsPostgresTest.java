package dev.midasbridge.journal.jdbc;

import dev.midasbridge.engine.ConcurrentAttemptsContract;
import dev.midasbridge.engine.journal.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The fleet race of {@link ConcurrentAttemptsContract} on PostgreSQL: two handles, each with its own writer. */
@EnabledIfEnvironmentVariable(named = "MIDAS_BRIDGE_PG_URL", matches = ".+")
class ConcurrentAttemptsPostgresTest extends ConcurrentAttemptsContract {
    private final String prefix = PostgresFixture.freshPrefix();

    @Override
    protected Journal openJournal() {
        return PostgresFixture.open(prefix, 4);
    }

    @Override
    protected Journal openSecondHandle(Journal first) {
        return PostgresFixture.open(prefix, 4);
    }

    @AfterEach
    void dropTables() {
        try (JdbcJournal j = PostgresFixture.open(prefix, 2)) {
            j.dropTables();
        }
    }
}
