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
        assertTrue(
                r.out().contains("line 2: \"_legacy_1\": not valid for pay_v2: it must not begin with '_'\n"), r.out());
        assertTrue(
                r.out()
                        .contains("line 3: \"has space\": not valid for midas_v1 and pay_v2: it may only contain"
                                + " 0-9, A-Z, a-z, '_' and '-' (found a space at index 3)\n"),
                r.out());
    }

    @Test
    void printsJsonForPrograms() throws IOException {
        Cli r = Cli.run("audit-orders", "--json", file("a\n_b\n中文\n").toString());
        assertEquals(
                "{\"offenders\":[{\"line\":2,\"value\":\"_b\",\"reasons\":[\"not valid for pay_v2: it must not"
                        + " begin with '_'\"]},{\"line\":3,\"value\":\"中文\",\"reasons\":[\"not valid for midas_v1 and pay_v2: it"
                        + " may only contain 0-9, A-Z, a-z, '_' and '-' (found 中 at index 0)\"]}],"
                        + "\"total\":3,\"invalid_midas_v1\":1,\"invalid_pay_v2\":2}\n",
                r.out());
        assertEquals(1, r.exitCode());
        assertEquals("", r.err());
    }

    @Test
    void exitsZeroWhenEveryOrderIsValidForPayV2AndToleratesCrlf() throws IOException {
        Cli r = Cli.run("audit-orders", "--json", file("a1\r\nb-2\r\nC_3").toString());
        assertEquals("{\"offenders\":[],\"total\":3,\"invalid_midas_v1\":0,\"invalid_pay_v2\":0}\n", r.out());
        assertEquals(0, r.exitCode());
    }

    @Test
    void readsOneCsvColumn() throws IOException {
        Cli r = Cli.run(
                "audit-orders",
                "--json",
                "--column",
                "2",
                file("1,ok-1,x\n2,\"_quoted\",y\n3,\"with,comma\",z\n").toString());
        assertTrue(r.out().endsWith("\"total\":3,\"invalid_midas_v1\":1,\"invalid_pay_v2\":2}\n"), r.out());
        assertTrue(r.out().contains("{\"line\":2,\"value\":\"_quoted\""), r.out());
        assertTrue(r.out().contains("{\"line\":3,\"value\":\"with,comma\""), r.out());
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
    void jsonListsEveryOffenderWithAllAndTheFirstKOtherwise() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            sb.append("_bad").append(i).append('\n');
        }
        Path p = file(sb.toString());
        Cli first = Cli.run("audit-orders", "--json", "--first", "2", p.toString());
        assertTrue(
                first.out()
                        .startsWith("{\"offenders\":[{\"line\":1,\"value\":\"_bad0\",\"reasons\":[\"not valid for"
                                + " pay_v2: it must not begin with '_'\"]},{\"line\":2,\"value\":\"_bad1\""),
                first.out());
        assertFalse(first.out().contains("_bad2"), first.out());
        Cli all = Cli.run("audit-orders", "--json", "--all", p.toString());
        assertTrue(all.out().contains("{\"line\":15,\"value\":\"_bad14\""), all.out());
    }

    @Test
    void aHeaderLineIsSkippedWithHeaderAndLinesStillCountIt() throws IOException {
        Path p = file("id,order_no\n1,ok-1\n2,_x\n");
        Cli r = Cli.run("audit-orders", "--column", "2", "--header", "--json", p.toString());
        assertEquals(
                "{\"offenders\":[{\"line\":3,\"value\":\"_x\",\"reasons\":[\"not valid for pay_v2: it must"
                        + " not begin with '_'\"]}],\"total\":2,\"invalid_midas_v1\":0,\"invalid_pay_v2\":1}\n",
                r.out());
        Cli lines = Cli.run("audit-orders", "--header", file("order_no\nok\n").toString());
        assertEquals(0, lines.exitCode(), lines.out());
        assertTrue(lines.out().contains("order numbers:        1\n"), lines.out());
    }

    @Test
    void aRowWithoutTheColumnIsReportedAsSuch() throws IOException {
        Cli r = Cli.run("audit-orders", "--column", "3", file("1,a,ok\n2,b\n").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("  line 2: \"2,b\": the row has no column 3 (it has 2)\n"), r.out());
        assertTrue(r.out().contains("invalid for pay_v2:   1\n"), r.out());
    }

    @Test
    void controlCharactersAndBytesThatAreNotUtf8AreShownEscapedEachLineOnceWithAllItsReasons() throws IOException {
        Path p = dir.resolve("binary.txt");
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes("ok\na\u0001b\n\u0000\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {(byte) 0xff, 'A', '\n'});
        b.writeBytes(("_" + "x".repeat(70) + " \n").getBytes(StandardCharsets.UTF_8));
        Files.write(p, b.toByteArray());
        Cli r = Cli.run("audit-orders", p.toString());
        String alphabet = "not valid for midas_v1 and pay_v2: it may only contain 0-9, A-Z, a-z, '_' and '-'";
        assertTrue(r.out().contains("  line 2: \"a\\u0001b\": " + alphabet + " (found \\u0001 at index 1)\n"), r.out());
        assertTrue(r.out().contains("  line 3: \"\\u0000\": " + alphabet + " (found \\u0000 at index 0)\n"), r.out());
        assertTrue(r.out().contains("  line 4: \"\\xffA\": " + alphabet + " (found \\xff at index 0)\n"), r.out());
        assertTrue(
                r.out()
                        .contains("  line 5: \"_" + "x".repeat(70) + " \": not valid for midas_v1 and pay_v2: it must"
                                + " be at most 63 characters long (it has 72); " + alphabet
                                + " (found a space at index 71); not valid"
                                + " for pay_v2: it must not begin with '_'\n"),
                r.out());
        for (int line = 2; line <= 5; line++) {
            String l = "line " + line + ":";
            assertEquals(r.out().indexOf(l), r.out().lastIndexOf(l), "line " + line + " once: " + r.out());
        }
        assertFalse(
                r.out().contains("\u0001")
                        || r.out().contains("\u0000")
                        || r.out().contains("\ufffd"),
                r.out());
        Cli json = Cli.run("audit-orders", "--json", p.toString());
        assertTrue(
                json.out()
                        .contains("{\"line\":2,\"value\":\"a\\\\u0001b\",\"reasons\":[\"" + alphabet
                                + " (found \\\\u0001 at index 1)\"]}"),
                json.out());
        assertTrue(json.out().contains("{\"line\":4,\"value\":\"\\\\xffA\""), json.out());
    }

    @Test
    void aDirectoryIsAOneLineErrorWithExitCode2() {
        Cli r = Cli.run("audit-orders", dir.toString());
        assertEquals(2, r.exitCode());
        assertEquals("bridge audit-orders: is a directory: " + dir + "\n", r.err());
    }

    @Test
    void columnZeroAndANegativeFirstAreRefused() throws IOException {
        Path p = file("ok\n");
        Cli zero = Cli.run("audit-orders", "--column", "0", p.toString());
        assertEquals(2, zero.exitCode());
        assertEquals("bridge audit-orders: --column 0: columns count from 1\n", zero.err());
        Cli negative = Cli.run("audit-orders", "--first", "-1", p.toString());
        assertEquals(2, negative.exitCode());
        assertEquals("bridge audit-orders: --first -1: must be 0 or more\n", negative.err());
    }

    @Test
    void noProgressWhenStderrIsNotATerminal() throws IOException {
        Path p = file("ok\n_bad\n");
        long before = AuditOrdersCommand.progressFrom;
        AuditOrdersCommand.progressFrom = 1;
        try {
            Cli r = TerminalProgress.asIfTerminal(false, () -> Cli.run("audit-orders", p.toString()));
            assertEquals(1, r.exitCode());
            assertEquals("", r.err());
            assertFalse(TerminalProgress.stderrIsTerminal(), "tests run without a terminal");
            assertEquals("", Cli.run("audit-orders", p.toString()).err(), "the real check");
        } finally {
            AuditOrdersCommand.progressFrom = before;
        }
    }

    @Test
    void aProgressBarOnATerminalIsErasedBeforeTheResultsAndNeverWithJson() throws IOException {
        Path p = file("ok\n_bad\n");
        long before = AuditOrdersCommand.progressFrom;
        AuditOrdersCommand.progressFrom = 1;
        try {
            Cli r = TerminalProgress.asIfTerminal(true, () -> Cli.run("audit-orders", p.toString()));
            assertEquals(1, r.exitCode());
            assertTrue(r.err().startsWith("\raudit-orders"), r.err());
            assertTrue(r.err().endsWith("\r"), "erased: " + r.err());
            assertTrue(r.out().startsWith("order numbers:        2\n"), r.out());
            Cli json = TerminalProgress.asIfTerminal(true, () -> Cli.run("audit-orders", "--json", p.toString()));
            assertEquals("", json.err());
            java.io.InputStream in = System.in;
            try {
                System.setIn(new java.io.ByteArrayInputStream("ok\n_bad\n".getBytes(StandardCharsets.UTF_8)));
                Cli stdin = TerminalProgress.asIfTerminal(true, () -> Cli.run("audit-orders", "-"));
                assertTrue(stdin.err().startsWith("\raudit-orders (stdin)"), stdin.err());
                assertTrue(stdin.out().contains("invalid for pay_v2:   1\n"), stdin.out());
            } finally {
                System.setIn(in);
            }
            AuditOrdersCommand.progressFrom = 1L << 30;
            Cli small = TerminalProgress.asIfTerminal(true, () -> Cli.run("audit-orders", p.toString()));
            assertEquals("", small.err(), "a small input shows no bar");
        } finally {
            AuditOrdersCommand.progressFrom = before;
        }
    }

    @Test
    void helpHasAnExample() {
        Cli r = Cli.run("audit-orders", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("bridge audit-orders --column 3 --header --json exports/orders.csv"), r.out());
    }
}
