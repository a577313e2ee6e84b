package dev.midasbridge.journal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalException;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.journal.OrderStatus;
import dev.midasbridge.engine.journal.Resolution;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged embedded journal is refused when it opens, with a message pointing to {@code bridge journal verify}; the
 * old code opened all of these silently (a 0-byte file as a new journal, a damaged chunk with orders gone).
 */
class DamagedJournalTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("journal");
    }

    private Path database() {
        return dir.resolve("journal.mv.db");
    }

    static JournalKey key(String order) {
        return new JournalKey(Environment.PRODUCTION, "o-player", "1", order);
    }

    /** {@code n} deductions, each applied: intent, attempt, outcome (three commits and three events each). */
    private void writeOrders(int n) {
        try (JdbcJournal j = JdbcJournal.embedded(file())) {
            for (int i = 0; i < n; i++) {
                JournalKey k = key("order-" + i);
                j.recordIntent(JournalEntry.intent(
                        k,
                        ApiVersion.PAY_V2,
                        Deduction.of(Player.of("o-player"), 10, OrderNo.of(k.orderNo()))
                                .withItem("gem"),
                        T0));
                j.startAttempt(k, T0);
                j.finish(
                        k,
                        Resolution.applied(
                                new DeductionReceipt(OrderNo.of(k.orderNo()), 100 - i, 0, ApiVersion.PAY_V2),
                                "applied"),
                        T0);
            }
        }
    }

    /**
     * As a killed process leaves it: {@code n} orders written and the files copied while the journal is still open
     * (every commit is on disk at once; a clean close would compact the file, leaving little old data to damage).
     * The copy becomes the journal under test.
     */
    private void writeOrdersAndCrash(int n) throws Exception {
        Path live = dir.resolve("live/journal");
        try (JdbcJournal j = JdbcJournal.embedded(live)) {
            for (int i = 0; i < n; i++) {
                JournalKey k = key("order-" + i);
                j.recordIntent(JournalEntry.intent(
                        k,
                        ApiVersion.PAY_V2,
                        Deduction.of(Player.of("o-player"), 10, OrderNo.of(k.orderNo()))
                                .withItem("gem"),
                        T0));
                j.startAttempt(k, T0);
                j.finish(
                        k,
                        Resolution.applied(
                                new DeductionReceipt(OrderNo.of(k.orderNo()), 100 - i, 0, ApiVersion.PAY_V2),
                                "applied"),
                        T0);
            }
            Files.copy(dir.resolve("live/journal.mv.db"), database());
            Files.copy(dir.resolve("live/journal.check"), dir.resolve("journal.check"));
        }
    }

    private JournalException refused() {
        return assertThrows(
                JournalException.class,
                () -> JdbcJournal.embedded(file(), false, WAIT).close());
    }

    private static void assertDamaged(JournalException e, String detail) {
        assertTrue(e.getMessage().contains("is damaged and was not opened"), e.getMessage());
        assertTrue(e.getMessage().contains("bridge journal verify"), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }

    @Test
    void aZeroByteFileIsAnErrorNotAFreshJournal() throws Exception {
        Files.createFile(database());
        assertDamaged(
                assertThrows(
                        JournalException.class,
                        () -> JdbcJournal.embedded(file()).close()),
                "is empty (0 bytes)");
        assertEquals(0, Files.size(database()), "left as it was");
    }

    @Test
    void aTruncatedFileIsRefused() throws Exception {
        writeOrdersAndCrash(200);
        long size = Files.size(database());
        try (FileChannel ch = FileChannel.open(database(), StandardOpenOption.WRITE)) {
            ch.truncate(size / 2);
        }
        assertDamaged(refused(), "");
        JdbcJournal.Verification v = JdbcJournal.verifyEmbedded(file(), false, WAIT);
        assertFalse(v.ok(), v.toString());
    }

    /** Where H2's chunks start (a block beginning "chunk:ID,"), by chunk id. */
    private static java.util.TreeMap<Integer, Integer> chunks(byte[] file) {
        java.util.TreeMap<Integer, Integer> out = new java.util.TreeMap<>();
        for (int off = 0; off + 16 < file.length; off += 4096) {
            String head = new String(file, off, 16, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (head.startsWith("chunk:")) {
                out.put(Integer.parseInt(head.substring(6, head.indexOf(',')), 16), off);
            }
        }
        return out;
    }

    /**
     * 16 bytes flipped in H2 chunks of a journal left by a killed process: in the newest chunk's header (H2 then
     * falls back to an older version of the file: the old code opened it with the last orders gone or rolled back),
     * and inside the oldest and a middle chunk. Each damaged file is refused when it opens, or opens with nothing
     * missing, or fails on the first read of a damaged page pointing to `bridge journal verify`: never silently less.
     */
    @Test
    void flippedBytesInTheFileNeverLoseOrdersSilently() throws Exception {
        writeOrdersAndCrash(300);
        byte[] original = Files.readAllBytes(database());
        java.util.TreeMap<Integer, Integer> chunks = chunks(original);
        assertTrue(chunks.size() >= 2, "chunks: " + chunks);
        int middle = new ArrayList<>(chunks.keySet()).get(chunks.size() / 2);
        java.util.Map<String, Integer> places = new java.util.LinkedHashMap<>();
        places.put("newest chunk's header", chunks.lastEntry().getValue() + 8);
        places.put("oldest chunk's pages", chunks.firstEntry().getValue() + 1024);
        places.put("a middle chunk's header", chunks.get(middle) + 8);
        places.put("a middle chunk's pages", chunks.get(middle) + 1024);
        List<String> seen = new ArrayList<>();
        for (var place : places.entrySet()) {
            byte[] damaged = original.clone();
            for (int i = 0; i < 16; i++) {
                damaged[place.getValue() + i] ^= (byte) 0x5A;
            }
            Files.write(database(), damaged);
            try (JdbcJournal j = JdbcJournal.embedded(file(), false, WAIT)) {
                List<JournalEntry> rows;
                try {
                    rows = j.list(10_000);
                    rows.forEach(r -> j.history(r.key()));
                } catch (JournalException e) {
                    assertTrue(e.getMessage().contains("may be damaged: run `bridge journal verify`"), e.getMessage());
                    seen.add(place.getKey() + ": opened, then the first read of a damaged page refused");
                    continue;
                }
                assertEquals(300, rows.size(), place.getKey() + ": opened with orders missing");
                assertTrue(
                        rows.stream().allMatch(r -> r.status() == OrderStatus.APPLIED),
                        place.getKey() + ": opened with orders rolled back");
                seen.add(place.getKey() + ": opened, nothing missing");
            } catch (JournalException e) {
                assertDamaged(e, "");
                seen.add(place.getKey() + ": refused: " + e.getMessage());
                if (place.getKey().startsWith("newest")) {
                    assertFalse(JdbcJournal.verifyEmbedded(file(), false, WAIT).ok());
                }
            }
        }
        System.out.println(String.join("\n", seen));
        assertTrue(seen.get(0).startsWith("newest chunk's header: refused"), seen.toString());
    }

    @Test
    void rowsDeletedBehindTheJournalsBackAreDetected() throws Exception {
        writeOrders(20);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file() + ";IFEXISTS=TRUE", "sa", "");
                Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM mb_orders WHERE order_no IN ('order-3', 'order-4')");
        }
        assertDamaged(refused(), "it holds 18 orders, but its check file says 20 (2 lost)");
        JdbcJournal.Verification v = JdbcJournal.verifyEmbedded(file(), false, WAIT);
        assertFalse(v.ok());
        assertTrue(
                v.problems().stream().anyMatch(p -> p.contains("belong to no order")),
                v.problems().toString());
    }

    @Test
    void eventsDeletedBehindTheJournalsBackAreDetected() throws Exception {
        writeOrders(20);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file() + ";IFEXISTS=TRUE", "sa", "");
                Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM mb_order_events WHERE order_no = 'order-7' AND text LIKE 'attempt%'");
        }
        assertDamaged(refused(), "1 lost");
        JdbcJournal.Verification v = JdbcJournal.verifyEmbedded(file(), false, WAIT);
        assertTrue(
                v.problems().stream().anyMatch(p -> p.contains("hash chain")),
                v.problems().toString());
    }

    @Test
    void anAlteredEventIsFoundByVerify() throws Exception {
        writeOrders(5);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file() + ";IFEXISTS=TRUE", "sa", "");
                Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE mb_order_events SET text = 'applied (edited)' WHERE order_no = 'order-2'"
                    + " AND text = 'applied'");
        }
        JdbcJournal.Verification v = JdbcJournal.verifyEmbedded(file(), false, WAIT);
        assertFalse(v.ok());
        assertTrue(v.problems().get(0).contains("order-2"), v.problems().toString());
        // Accepting the journal as it is deliberately makes it open again.
        assertTrue(JdbcJournal.verifyEmbedded(file(), true, WAIT).accepted());
        assertTrue(JdbcJournal.verifyEmbedded(file(), false, WAIT).ok());
    }

    @Test
    void aMissingCheckFileIsRefusedUntilAccepted() throws Exception {
        writeOrders(3);
        Files.delete(dir.resolve("journal.check"));
        assertDamaged(refused(), "no check file");
        JdbcJournal.Verification v = JdbcJournal.verifyEmbedded(file(), true, WAIT);
        assertTrue(v.accepted(), v.toString());
        try (JdbcJournal j = JdbcJournal.embedded(file(), false, WAIT)) {
            assertEquals(3, j.list(100).size());
        }
    }

    @Test
    void aMissingDatabaseWithACheckFileIsRefused() throws Exception {
        writeOrders(3);
        Files.delete(database());
        assertDamaged(
                assertThrows(
                        JournalException.class,
                        () -> JdbcJournal.embedded(file()).close()),
                "is missing");
    }

    @Test
    void aJournalTheConfigNamesIsNotCreated() {
        JournalException e = refused();
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(database()));
    }

    @Test
    void aJournalFromBeforeFlywayIsAdoptedDeliberately() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file(), "sa", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE mb_orders (environment VARCHAR(16) NOT NULL, openid VARCHAR(128) NOT NULL,"
                    + " zone_id VARCHAR(128) NOT NULL, order_no VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL,"
                    + " api_version VARCHAR(16) NOT NULL, wire_order_no VARCHAR(64) NOT NULL, amount BIGINT,"
                    + " related_order_no VARCHAR(64), item VARCHAR(1024), remark VARCHAR(1024), user_ip VARCHAR(64),"
                    + " status VARCHAR(16) NOT NULL, attempts INTEGER NOT NULL, maybe_applied BOOLEAN NOT NULL,"
                    + " flagged BOOLEAN NOT NULL, balance_after BIGINT, present_used BIGINT, last_kind VARCHAR(40),"
                    + " last_errcode INTEGER, last_errmsg VARCHAR(1024), last_message VARCHAR(2048),"
                    + " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
                    + " PRIMARY KEY (environment, openid, zone_id, order_no))");
            st.execute("CREATE TABLE mb_order_events (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                    + " environment VARCHAR(16) NOT NULL, openid VARCHAR(128) NOT NULL, zone_id VARCHAR(128) NOT NULL,"
                    + " order_no VARCHAR(64) NOT NULL, at BIGINT NOT NULL, text VARCHAR(2048) NOT NULL)");
            st.execute("INSERT INTO mb_orders VALUES ('PRODUCTION', 'o-player', '1', 'old-1', 'DEDUCT', 'PAY_V2',"
                    + " 'old-1', 10, NULL, NULL, NULL, NULL, 'APPLIED', 1, FALSE, FALSE, 90, NULL, NULL, NULL, NULL,"
                    + " NULL, 1, 2)");
            st.execute("INSERT INTO mb_order_events (environment, openid, zone_id, order_no, at, text) VALUES"
                    + " ('PRODUCTION', 'o-player', '1', 'old-1', 1, 'intent recorded')");
        }
        assertDamaged(refused(), "no check file");
        JdbcJournal.Verification v = JdbcJournal.verifyEmbedded(file(), true, WAIT);
        assertTrue(v.problems().stream().anyMatch(p -> p.contains("no chain value")), v.toString());
        try (JdbcJournal j = JdbcJournal.embedded(file(), false, WAIT)) {
            assertEquals(OrderStatus.APPLIED, j.find(key("old-1")).orElseThrow().status());
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file(), "sa", "");
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT MAX(\"version\") FROM \"mb_schema_history\"")) {
                assertTrue(rs.next());
                assertEquals("3", rs.getString(1), "baselined at 1, upgraded to 3");
            }
        }
        assertTrue(JdbcJournal.verifyEmbedded(file(), false, WAIT).ok());
    }

    @SuppressWarnings("try") // the lock is held, not used
    @Test
    void aJournalInUseByAnotherProcessIsWaitedForThenRefusedClearly() throws Exception {
        writeOrders(1);
        try (FileChannel ch = FileChannel.open(dir.resolve("journal.lock"), StandardOpenOption.WRITE);
                FileLock held = ch.lock()) {
            long start = System.nanoTime();
            JournalException e = assertThrows(
                    JournalException.class,
                    () -> JdbcJournal.embedded(file(), false, Duration.ofMillis(600))
                            .close());
            assertTrue(System.nanoTime() - start >= 500_000_000L, "waited");
            assertTrue(e.getMessage().contains("is in use by another process: waited 600 ms"), e.getMessage());
        }
        JdbcJournal.embedded(file(), false, WAIT).close();
    }

    @Test
    void aSoundJournalVerifies() {
        writeOrders(10);
        JdbcJournal.Verification v = JdbcJournal.verifyEmbedded(file(), false, WAIT);
        assertTrue(v.ok(), v.toString());
        assertTrue(
                v.checked().stream().anyMatch(c -> c.startsWith("orders: 10")),
                v.checked().toString());
    }
}
