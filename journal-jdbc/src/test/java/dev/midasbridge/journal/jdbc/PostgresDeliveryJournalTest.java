package dev.midasbridge.journal.jdbc;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.engine.delivery.DeliveryJournal;
import dev.midasbridge.engine.delivery.DeliveryJournalContract;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The delivery journal suite against a real PostgreSQL (when {@code MIDAS_BRIDGE_PG_URL} is set, as the journal
 * suite): two handles are two pools, as two gateway instances would have. Throw-away tables per run.
 */
@EnabledIfEnvironmentVariable(named = "MIDAS_BRIDGE_PG_URL", matches = ".+")
class PostgresDeliveryJournalTest extends DeliveryJournalContract {
    private final String prefix =
            "mbtest_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8) + "_";
    private final List<JdbcJournal> opened = new ArrayList<>();

    @Override
    protected DeliveryJournal open() {
        return connect().deliveries();
    }

    @Override
    protected DeliveryJournal openAnother() {
        return connect().deliveries();
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
