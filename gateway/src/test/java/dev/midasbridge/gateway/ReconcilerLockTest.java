package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.journal.InMemoryJournal;
import dev.midasbridge.midas.v1.MidasV1;
import dev.midasbridge.midas.v1.MidasV1Config;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only one instance reconciles at a time: a PostgreSQL advisory lock, or a lease row elsewhere. */
class ReconcilerLockTest {
    private static final long LOCK_KEY = 0x6d62677772656f63L;

    private static GameCurrency bridge() {
        ApiCredentials v1 = ApiCredentials.midasV1("wx1", "1", Secret.of("a"), Secret.of("b"));
        return GameCurrency.create(
                Map.of(
                        ApiVersion.MIDAS_V1,
                        MidasV1.create(
                                MidasV1Config.builder(v1)
                                        .baseUrl("http://127.0.0.1:9")
                                        .build(),
                                AccessTokenProvider.fixed("t"))),
                InMemoryJournal.create(),
                BridgeConfig.builder().build());
    }

    private static Reconciler reconciler(GatewayDatabase db) {
        return new Reconciler(
                bridge(),
                new SessionStore(db.dataSource(), SessionCipher.random(), Duration.ofHours(1), Clock.systemUTC()),
                db,
                new GatewayMetrics(),
                Duration.ofHours(1),
                Clock.systemUTC(),
                o -> false);
    }

    @Test
    void postgresAdvisoryLock() throws Exception {
        try (Connection c = PgTest.connect()) {
            c.isValid(1);
        }
        JournalSettings pg = new JournalSettings.Jdbc(PgTest.URL, PgTest.USER, PgTest.password(), "mb_", 2);
        try (GatewayDatabase db = GatewayDatabase.open(pg, 2);
                Reconciler r = reconciler(db);
                Connection other = PgTest.connect()) {
            assertTrue(r.runOnce().isPresent(), "free: it runs");
            try (PreparedStatement s = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
                s.setLong(1, LOCK_KEY);
                s.executeQuery().close();
            }
            assertTrue(r.runOnce().isEmpty(), "another instance holds the lock: it does not run");
            try (PreparedStatement s = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                s.setLong(1, LOCK_KEY);
                s.executeQuery().close();
            }
            assertTrue(r.runOnce().isPresent(), "released: it runs again");
        }
    }

    @Test
    void leaseRowElsewhere() throws Exception {
        JournalSettings h2 =
                new JournalSettings.Embedded(Files.createTempDirectory("lease").resolve("journal"));
        try (GatewayDatabase db = GatewayDatabase.open(h2, 2);
                Reconciler a = reconciler(db)) {
            assertTrue(a.runOnce().isPresent());
            try (Connection c = db.dataSource().getConnection()) {
                c.createStatement()
                        .executeUpdate("UPDATE gateway_leases SET holder = 'someone-else'," + " expires_at_ms = "
                                + (System.currentTimeMillis() + 60_000));
            }
            assertTrue(a.runOnce().isEmpty(), "a live lease held by another instance");
            try (Connection c = db.dataSource().getConnection()) {
                c.createStatement().executeUpdate("UPDATE gateway_leases SET expires_at_ms = 1");
            }
            assertTrue(a.runOnce().isPresent(), "an expired lease is taken over");
        }
    }
}
