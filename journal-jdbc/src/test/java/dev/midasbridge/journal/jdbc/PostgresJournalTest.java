package dev.midasbridge.journal.jdbc;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalContract;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The journal suite against a real PostgreSQL, as a fleet of game servers would share it. Runs when
 * {@code MIDAS_BRIDGE_PG_URL} names the database (.ci/run sets it to the local server); user and password come from
 * {@code MIDAS_BRIDGE_PG_USER} (default postgres) and {@code MIDAS_BRIDGE_PG_PASSWORD} (default none). Each run uses
 * its own throw-away tables.
 */
@EnabledIfEnvironmentVariable(named = "MIDAS_BRIDGE_PG_URL", matches = ".+")
class PostgresJournalTest extends JournalContract {
    private final String prefix =
            "mbtest_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8) + "_";
    private final List<JdbcJournal> opened = new ArrayList<>();

    @Override
    protected Journal open() {
        return connect();
    }

    @Override
    protected Journal openAnother() {
        return connect();
    }

    private JdbcJournal connect() {
        String user = System.getenv().getOrDefault("MIDAS_BRIDGE_PG_USER", "postgres");
        String pw = System.getenv("MIDAS_BRIDGE_PG_PASSWORD");
        JdbcJournal j = JdbcJournal.open(
                System.getenv("MIDAS_BRIDGE_PG_URL"),
                user,
                pw == null || pw.isEmpty() ? null : Secret.of(pw),
                prefix,
                4);
        opened.add(j);
        return j;
    }

    @AfterEach
    void dropTables() {
        opened.get(0).dropTables();
        opened.forEach(JdbcJournal::close);
    }
}
