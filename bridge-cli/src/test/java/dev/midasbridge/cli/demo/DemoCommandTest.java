package dev.midasbridge.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.cli.Cli;
import dev.midasbridge.cli.audit.TerminalProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSmallMigrationUnderFaultsHoldsEveryCheck() {
        Cli r = Cli.run("demo", "--players", "40", "--seed", "3", "--keep-journal", dir.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("step 1:   0% on pay_v2"), r.out());
        assertTrue(r.out().contains("step 3: 100% on pay_v2  orders: 0 on midas_v1"), r.out());
        assertTrue(r.out().contains("ok   no order applied twice"), r.out());
        assertTrue(r.out().contains("ok   shadow reads found no divergence"), r.out());
        assertTrue(r.out().contains("gateway step 3: 100% on pay_v2  orders: 0 on midas_v1"), r.out());
        for (String check : new String[] {
            "every game order applied exactly once on the stand-in",
            "balances = the game's own book = the stand-in's = getbalance through the gateway",
            "every order on the version the routing gave it when first seen",
            "nothing left unknown after the gateway's reconcile",
            "the gateway's journal agrees"
        }) {
            assertTrue(r.out().contains("ok   gateway act: " + check), check + " in " + r.out());
        }
        assertTrue(r.out().contains("all checks hold"), r.out());
        assertFalse(r.out().contains("FAIL"), r.out());
        assertTrue(Files.exists(dir.resolve("gateway-journal.mv.db")), "the gateway's journal is kept there too");
        assertTrue(Files.exists(dir.resolve("journal.mv.db")), "the journal is kept where asked");
        assertTrue(r.out().contains("journal " + dir.resolve("journal.mv.db")), r.out());
        assertEquals("", r.err(), "no progress when stderr is not a terminal");
    }

    @Test
    void aTemporaryJournalIsNotPrintedAsIfItStayedAndPhasesShowProgressOnATerminal() {
        Cli r = TerminalProgress.asIfTerminal(true, () -> Cli.run("demo", "--players", "12", "--seed", "5"));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith("midas-bridge demo: 12 players move from midas 1.0 to pay_v2\n"), r.out());
        assertTrue(
                r.out().contains("journal in a temporary folder, deleted at the end (--keep-journal DIR keeps it)"),
                r.out());
        assertFalse(r.out().contains("midas-bridge-demo"), "no path of a deleted folder: " + r.out());
        for (String phase : new String[] {
            "starting the stand-in server",
            "step 1 (0% on pay_v2)",
            "step 2 (50% on pay_v2)",
            "step 3 (100% on pay_v2)",
            "reconciling",
            "checking the server's ledger",
            "gateway act: starting",
            "gateway step 1 (0% on pay_v2)",
            "gateway step 3 (100% on pay_v2)"
        }) {
            assertTrue(r.err().contains("\r" + phase), phase + " in " + r.err());
        }
        assertTrue(r.err().endsWith("\r"), "every bar erased: " + r.err());
    }

    @Test
    void nonsenseIsAOneLineError() {
        Cli r = Cli.run("demo", "--players", "0");
        assertEquals(2, r.exitCode());
        assertEquals("bridge demo: --players 0: must be from 1 to 100000\n", r.err());
    }
}
