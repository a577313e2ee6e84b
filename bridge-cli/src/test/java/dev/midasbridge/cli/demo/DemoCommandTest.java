package dev.midasbridge.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.cli.Cli;
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
        assertTrue(r.out().contains("all checks hold"), r.out());
        assertFalse(r.out().contains("FAIL"), r.out());
        assertTrue(Files.exists(dir.resolve("journal.mv.db")), "the journal is kept where asked");
    }

    @Test
    void nonsenseIsAOneLineError() {
        Cli r = Cli.run("demo", "--players", "0");
        assertEquals(2, r.exitCode());
        assertEquals("bridge demo: --players 0: must be from 1 to 100000\n", r.err());
    }
}
