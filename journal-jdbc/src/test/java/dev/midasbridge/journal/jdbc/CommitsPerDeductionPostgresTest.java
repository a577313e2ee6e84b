package dev.midasbridge.journal.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** {@link CommitsPerDeductionContract} on PostgreSQL ({@code MIDAS_BRIDGE_PG_URL}), in throw-away tables. */
@EnabledIfEnvironmentVariable(named = "MIDAS_BRIDGE_PG_URL", matches = ".+")
class CommitsPerDeductionPostgresTest extends CommitsPerDeductionContract {
    @Override
    JdbcJournal open() {
        return PostgresFixture.open(PostgresFixture.freshPrefix(), 4);
    }

    @AfterEach
    void dropTables() {
        journal.dropTables(); // runs before the contract's tearDown closes the journal
    }
}
