package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the journal lives (never the current directory), what a command says when the journal cannot be opened
 * (one line, exit 2, no Guice or H2 dump), and a damaged journal refused until `journal verify --accept`.
 */
class JournalCliTest {
    private static final Map<String, String> SECRETS = Map.of(
            "MIDAS_V1_APP_KEY",
            "jt-v1-key",
            "MIDAS_V1_SANDBOX_APP_KEY",
            "jt-v1-sandbox",
            "PAY_V2_APP_KEY",
            "jt-v2-key",
            "PAY_V2_SANDBOX_APP_KEY",
            "jt-v2-sandbox",
            "MIDAS_BRIDGE_ACCESS_TOKEN",
            "jt-token",
            "MIDAS_BRIDGE_SESSION_KEY",
            "jt-session-0");

    @TempDir
    Path dir;

    private StandInServer server;

    @BeforeEach
    void start() {
        SimulatorConfig sim = OnePlayerStandIn.config("jt", 1_000);
        server = StandInServer.start(
                sim, StandInServer.Options.defaults().withPort(0).withAdmin(true));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A config file in {@code folder} with this {@code "journal": ...} value (null: no journal setting). */
    private Path config(Path folder, String journal) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve("bridge.json");
        Files.writeString(file, """
                {
                  "base_url": "%s",
                  "midas_v1": { "appid": "wxjt", "offer_id": "offer-v1" },
                  "pay_v2": { "offer_id": "offer-v2" },
                  "retry": { "max_attempts": 2, "initial_backoff_ms": 1, "max_backoff_ms": 5 },
                  "call_timeout_ms": 2000%s
                }
                """.formatted(server.baseUrl(), journal == null ? "" : ",\n  \"journal\": " + journal));
        return file;
    }

    private static Cli bridge(Map<String, String> env, Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return Cli.run(env, all.toArray(String[]::new));
    }

    private static Cli bridge(Path config, String... args) {
        return bridge(SECRETS, config, args);
    }

    private static Cli pay(Path config, String order, String... more) {
        List<String> args = new ArrayList<>(List.of("pay", "--openid", "player-0", "--amount", "1", "--order", order));
        args.addAll(List.of(more));
        return bridge(config, args.toArray(String[]::new));
    }

    private static void assertOneLine(Cli r, int code, String... contains) {
        assertEquals(code, r.exitCode(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        for (String c : contains) {
            assertTrue(r.err().contains(c), "expected \"" + c + "\" in: " + r.err());
        }
        for (String never : List.of(
                "ProvisionException", "Guice", "could not create the journal tables", "\tat ", "CreationException")) {
            assertFalse(r.err().contains(never), r.err());
        }
    }

    // --- where the journal lives ----------------------------------------------------------------------------

    @Test
    void aRelativeJournalIsTheSameFromAnyWorkingDirectory() throws Exception {
        Path cfgDir = dir.resolve("game");
        Path config = config(cfgDir, "{ \"embedded\": \"data/journal\", \"create\": true }");
        assertEquals(0, pay(config, "where-1").exitCode());
        assertTrue(Files.exists(cfgDir.resolve("data/journal.mv.db")), "next to the config file");
        assertFalse(Files.exists(Path.of("data/journal.mv.db")), "not in the current directory");

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        BridgeCli.class.getName(),
                        "journal",
                        "list",
                        "--all",
                        "--config",
                        config.toString())
                .directory(elsewhere.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("journal: embedded " + cfgDir.resolve("data/journal")), out);
        assertTrue(out.contains("where-1"), "the same journal, seen from another directory: " + out);
        assertFalse(Files.exists(elsewhere.resolve("data")), "nothing created in the other directory");
    }

    @Test
    void withNoJournalSettingTheJournalIsThePerUserDefaultAndEveryCommandNamesItUnderVerbose() throws Exception {
        Path config = config(dir.resolve("game"), null);
        Map<String, String> env = new HashMap<>(SECRETS);
        env.put("MIDAS_BRIDGE_HOME", dir.resolve("home").toString());
        Path expected = dir.resolve("home/journal");
        Cli pay = bridge(env, config, "pay", "--openid", "player-0", "--amount", "1", "--order", "home-1", "--verbose");
        assertEquals(0, pay.exitCode(), pay.toString());
        assertTrue(pay.err().contains("bridge pay: journal: embedded " + expected), pay.err());
        Cli balance = bridge(env, config, "balance", "--openid", "player-0", "--verbose");
        assertEquals(0, balance.exitCode(), balance.toString());
        assertTrue(balance.err().contains("bridge balance: journal: embedded " + expected), balance.err());
        Cli list = bridge(env, config, "journal", "list", "--all");
        assertTrue(list.out().startsWith("journal: embedded " + expected + "\n"), list.out());
        assertTrue(list.out().contains("home-1"), list.out());
    }

    @Test
    void aJournalTheConfigNamesIsNeverCreatedByAccident() throws Exception {
        Path config = config(dir.resolve("game"), "{ \"embedded\": \"journal\" }");
        assertOneLine(
                pay(config, "new-1"),
                2,
                "journal " + dir.resolve("game/journal") + " does not exist",
                "bridge journal init");
        Cli list = bridge(config, "journal", "list");
        assertOneLine(list, 2, "does not exist");
        assertTrue(list.err().startsWith("bridge journal list: journal "), list.err());
        assertFalse(Files.exists(dir.resolve("game/journal.mv.db")));
        Cli init = bridge(config, "journal", "init");
        assertEquals(0, init.exitCode(), init.toString());
        assertEquals(0, pay(config, "new-1").exitCode());
        assertOneLine(bridge(config, "journal", "init"), 2, "exists already");
    }

    // --- failures are one clear line --------------------------------------------------------------------------

    @Test
    void anUnreachablePostgresIsOneLineNamingItAndTheCause() throws Exception {
        Path config = config(
                dir.resolve("game"), "{ \"url\": \"jdbc:postgresql://127.0.0.1:1/nope\"," + " \"user\": \"game\" }");
        Files.writeString(dir.resolve("sessions.json"), "{}");
        assertOneLine(pay(config, "pg-1"), 2, "jdbc:postgresql://127.0.0.1:1/nope", "Connection refused");
        assertOneLine(
                bridge(
                        config,
                        "journal",
                        "reconcile",
                        "--sessions",
                        dir.resolve("sessions.json").toString()),
                2,
                "jdbc:postgresql://127.0.0.1:1/nope",
                "Connection refused");
        Cli balance = bridge(config, "balance", "--openid", "player-0");
        assertEquals(0, balance.exitCode(), "balance needs no journal: " + balance);
        Cli verbose = pay(config, "pg-1", "--verbose");
        assertEquals(2, verbose.exitCode());
        assertTrue(verbose.err().contains("Caused by"), "the chain with --verbose: " + verbose.err());
        assertTrue(server.admin().ledger().isEmpty(), "nothing sent");
    }

    @SuppressWarnings("try") // the lock is held, not used
    @Test
    void aJournalLockedByAnotherProcessIsOneLineAfterTheWait() throws Exception {
        Path config = config(
                dir.resolve("game"), "{ \"embedded\": \"journal\", \"create\": true," + " \"lock_wait_ms\": 300 }");
        assertEquals(0, pay(config, "lock-1").exitCode());
        Files.writeString(dir.resolve("sessions.json"), "{}");
        try (FileChannel ch = FileChannel.open(dir.resolve("game/journal.lock"), StandardOpenOption.WRITE);
                FileLock held = ch.lock()) {
            assertOneLine(
                    pay(config, "lock-2"),
                    2,
                    "journal " + dir.resolve("game/journal") + " is in use by another process: waited 300 ms");
            assertOneLine(
                    bridge(
                            config,
                            "journal",
                            "reconcile",
                            "--sessions",
                            dir.resolve("sessions.json").toString()),
                    2,
                    "is in use by another process");
            assertEquals(0, bridge(config, "balance", "--openid", "player-0").exitCode(), "balance needs no journal");
        }
        assertEquals(0, pay(config, "lock-2").exitCode());
    }

    @Test
    void anUnwritableJournalPathIsOneLineNamingIt() throws Exception {
        Path config = config(dir.resolve("game"), "{ \"embedded\": \"/proc/nope/journal\", \"create\": true }");
        Cli r = pay(config, "proc-1");
        assertOneLine(r, 2, "journal /proc/nope/journal");
        System.out.println("unwritable path: " + r.err().strip());
        assertEquals(0, bridge(config, "balance", "--openid", "player-0").exitCode());
    }

    // --- a damaged journal is refused -------------------------------------------------------------------------

    @Test
    void aDamagedJournalIsRefusedUntilVerifiedAndAccepted() throws Exception {
        Path config = config(dir.resolve("game"), "{ \"embedded\": \"journal\", \"create\": true }");
        for (int i = 0; i < 5; i++) {
            assertEquals(0, pay(config, "dmg-" + i).exitCode());
        }
        try (Connection c = DriverManager.getConnection(
                        "jdbc:h2:file:" + dir.resolve("game/journal") + ";IFEXISTS=TRUE", "sa", "");
                Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM mb_orders WHERE order_no = 'dmg-2'");
        }
        assertOneLine(
                pay(config, "dmg-9"),
                2,
                "is damaged and was not opened",
                "it holds 4 orders, but its check" + " file says 5 (1 lost)",
                "bridge journal verify");
        assertOneLine(bridge(config, "journal", "list"), 2, "is damaged");
        Cli verify = bridge(config, "journal", "verify");
        assertEquals(1, verify.exitCode(), verify.toString());
        assertTrue(verify.out().contains("PROBLEM: it holds 4 orders, but its check file says 5"), verify.out());
        assertTrue(verify.out().contains("DAMAGED"), verify.out());
        Cli accept = bridge(config, "journal", "verify", "--accept");
        assertEquals(0, accept.exitCode(), accept.toString());
        assertEquals(0, bridge(config, "journal", "verify").exitCode());
        assertEquals(0, pay(config, "dmg-9").exitCode());
    }

    @Test
    void aZeroByteJournalIsRefusedNotStartedAfresh() throws Exception {
        Path config = config(dir.resolve("game"), "{ \"embedded\": \"journal\", \"create\": true }");
        Files.createDirectories(dir.resolve("game"));
        Files.createFile(dir.resolve("game/journal.mv.db"));
        assertOneLine(pay(config, "zero-1"), 2, "is damaged", "is empty (0 bytes)");
        assertEquals(0, Files.size(dir.resolve("game/journal.mv.db")));
    }
}
