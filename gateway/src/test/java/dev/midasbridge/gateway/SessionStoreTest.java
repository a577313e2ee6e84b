package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.core.credentials.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The session store on the embedded H2 file and on PostgreSQL (the database {@code MIDAS_BRIDGE_PG_URL} names,
 * skipped when it is not set): encrypted at rest, newest wins, the previous key kept, expired entries not served and
 * pruned, and the gateway's Flyway history apart from the journal's.
 */
class SessionStoreTest {
    @Test
    void embeddedH2() throws Exception {
        Path dir = Files.createTempDirectory("session-store");
        exercise(new JournalSettings.Embedded(dir.resolve("journal")));
    }

    @Test
    void postgres() throws Exception {
        try (Connection c = PgTest.connect()) {
            c.createStatement()
                    .execute("DROP TABLE IF EXISTS gateway_session_keys, gateway_leases," + " gateway_schema_history");
        }
        exercise(new JournalSettings.Jdbc(PgTest.URL, PgTest.USER, PgTest.password(), "mb_", 2));
    }

    private void exercise(JournalSettings journal) throws Exception {
        MutableClock clock = new MutableClock();
        try (GatewayDatabase db = GatewayDatabase.open(journal, 2)) {
            SessionStore store = new SessionStore(db.dataSource(), SessionCipher.random(), Duration.ofHours(1), clock);
            store.put("p1", Secret.of("first-key-AAAA"), SessionStore.Source.JSCODE2SESSION);
            assertEquals(
                    "first-key-AAAA", store.find("p1").orElseThrow().current().reveal());
            clock.advance(Duration.ofSeconds(1));
            store.put("p1", Secret.of("second-key-BBBB"), SessionStore.Source.HEADER);
            SessionStore.Keys k = store.find("p1").orElseThrow();
            assertEquals("second-key-BBBB", k.current().reveal());
            assertEquals("first-key-AAAA", k.previous().orElseThrow().reveal());
            // the same key again keeps the previous one
            store.put("p1", Secret.of("second-key-BBBB"), SessionStore.Source.ADMIN);
            assertEquals(
                    "first-key-AAAA",
                    store.find("p1").orElseThrow().previous().orElseThrow().reveal());

            // at rest: nothing readable
            List<byte[]> raw = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection();
                    ResultSet r = c.createStatement()
                            .executeQuery("SELECT session_key, previous_key FROM gateway_session_keys")) {
                while (r.next()) {
                    raw.add(r.getBytes(1));
                    raw.add(r.getBytes(2));
                }
            }
            for (byte[] b : raw) {
                String s = new String(b, StandardCharsets.ISO_8859_1);
                assertFalse(s.contains("key-AAAA") || s.contains("key-BBBB"), "session keys are encrypted at rest");
            }
            // another gateway with another encryption key cannot read them
            SessionStore other = new SessionStore(db.dataSource(), SessionCipher.random(), Duration.ofHours(1), clock);
            assertTrue(other.find("p1").isEmpty());

            // expiry
            store.put("p2", Secret.of("short-lived"), SessionStore.Source.ADMIN);
            clock.advance(Duration.ofHours(2));
            assertTrue(store.find("p2").isEmpty(), "expired entries are not served");
            assertEquals(2, store.prune(), "expired entries are pruned");

            try (Connection c = db.dataSource().getConnection();
                    ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM \"gateway_schema_history\"")) {
                assertTrue(r.next() && r.getInt(1) >= 1, "own Flyway history table");
            }
        }
        // reopening migrates nothing twice
        GatewayDatabase.open(journal, 1).close();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
