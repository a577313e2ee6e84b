package dev.midasbridge.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.cli.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditOrdersCommandTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path p = dir.resolve("orders.txt");
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void countsWhatEachVersionRejectsAndNamesTheFirstOffenders() throws IOException {
        Path p = file("BillNo_123\n_legacy_1\nhas space\n" + "a".repeat(64) + "\nok-1\n");
        Cli r = Cli.run("audit-orders", p.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.out().contains("order numbers:        5"), r.out());
        assertTrue(r.out().contains("invalid for midas_v1: 2"), r.out());
        assertTrue(r.out().contains("invalid for pay_v2:   3"), r.out());
        assertTrue(r.out().contains("line 2: bill_no \"_legacy_1\" is not valid for pay_v2: it must not begin with '_'"),
                r.out());
        assertTrue(r.out().contains("line 3: bill_no \"has space\" is not valid for midas_v1: it may only contain"),
                r.out());
    }

    @Test
    void printsJsonForPrograms() throws IOException {
        Cli r = Cli.run("audit-orders", "--json", file("a\n_b\n中文\n").toString());
        assertEquals("{\"total\":3,\"invalid_midas_v1\":1,\"invalid_pay_v2\":2}\n", r.out());
        assertEquals(1, r.exitCode());
    }

    @Test
    void exitsZeroWhenEveryOrderIsValidForPayV2AndToleratesCrlf() throws IOException {
        Cli r = Cli.run("audit-orders", "--json", file("a1\r\nb-2\r\nC_3").toString());
        assertEquals("{\"total\":3,\"invalid_midas_v1\":0,\"invalid_pay_v2\":0}\n", r.out());
        assertEquals(0, r.exitCode());
    }

    @Test
    void readsOneCsvColumn() throws IOException {
        Cli r = Cli.run("audit-orders", "--json", "--column", "2",
                file("1,ok-1,x\n2,\"_quoted\",y\n3,\"with,comma\",z\n").toString());
        assertEquals("{\"total\":3,\"invalid_midas_v1\":1,\"invalid_pay_v2\":2}\n", r.out());
    }

    @Test
    void listsEveryOffenderWithAll() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            sb.append("_bad").append(i).append('\n');
        }
        Path p = file(sb.toString());
        Cli some = Cli.run("audit-orders", p.toString());
        assertTrue(some.out().contains("... and 5 more (--all lists them)"), some.out());
        Cli all = Cli.run("audit-orders", "--all", p.toString());
        assertTrue(all.out().contains("line 15: "), all.out());
        assertFalse(all.out().contains("more"), all.out());
    }

    @Test
    void aMissingFileIsAOneLineErrorWithExitCode2() {
        Cli r = Cli.run("audit-orders", dir.resolve("nope.txt").toString());
        assertEquals(2, r.exitCode());
        assertEquals("bridge audit-orders: no such file: " + dir.resolve("nope.txt") + "\n", r.err());
    }

    @Test
    void helpHasAnExample() {
        Cli r = Cli.run("audit-orders", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("bridge audit-orders --column 3 --json exports/orders.csv"), r.out());
    }
}
