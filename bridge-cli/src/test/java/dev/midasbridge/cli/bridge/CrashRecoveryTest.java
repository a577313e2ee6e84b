package dev.midasbridge.cli.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.journal.JdbcJournal;
import dev.midasbridge.core.journal.Journal;
import dev.midasbridge.core.journal.JournalEntry;
import dev.midasbridge.core.journal.OrderStatus;
import dev.midasbridge.simulator.Fault;
import dev.midasbridge.simulator.FaultKind;
import dev.midasbridge.simulator.LedgerEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A game server JVM is killed (SIGKILL) in the middle of a batch of deductions under faults; a new JVM reconciles
 * from the same embedded journal file and runs the batch again. Every order ends applied exactly once.
 */
class CrashRecoveryTest {
    private static final int ORDERS = 24;

    @TempDir
    Path dir;

    @Test
    void everyOrderIsResolvedExactlyOnceAfterACrash() throws Exception {
        try (Stack stack = Stack.start(4, 10_000, new dev.midasbridge.cli.wiring.JournalSettings.InMemory(),
                Duration.ofMillis(400), 3, false)) {
            var admin = stack.server.admin();
            admin.addFault(Fault.of(FaultKind.LATENCY).forEndpoint("pay").times(Fault.UNLIMITED)
                    .delay(Duration.ofMillis(60)));
            for (int i = 2; i < ORDERS; i += 3) {
                admin.addFault(Fault.of(FaultKind.DROP_AFTER_APPLY).forOrder("crash-" + i));
            }
            admin.addFault(Fault.of(FaultKind.STALL_AFTER_APPLY).forOrder("crash-7").delay(Duration.ofMillis(900)));
            Path journalFile = dir.resolve("journal");
            String journalPath = journalFile.toString();
            String baseUrl = stack.server.baseUrl();

            Process first = worker("batch", baseUrl, journalPath, String.valueOf(ORDERS));
            List<String> seen = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    seen.add(line);
                    if (seen.size() == 9) {
                        first.destroyForcibly();
                        break;
                    }
                }
            }
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            assertEquals(9, seen.size(), "the first server was killed mid-batch, after 9 answers: " + seen);

            runToEnd(worker("reconcile", baseUrl, journalPath));
            runToEnd(worker("batch", baseUrl, journalPath, String.valueOf(ORDERS)));

            Map<String, Integer> applied = new HashMap<>();
            for (LedgerEntry e : admin.ledger()) {
                if (e.endpoint().equals("pay")) {
                    applied.merge(e.billNo(), 1, Integer::sum);
                }
            }
            try (Journal journal = JdbcJournal.embedded(journalFile)) {
                List<JournalEntry> rows = journal.list(1000);
                assertEquals(ORDERS, rows.size(), "every order of the batch is journaled");
                for (JournalEntry row : rows) {
                    assertEquals(OrderStatus.APPLIED, row.status(), row.key() + " " + journal.history(row.key()));
                    assertEquals(1, applied.getOrDefault(row.wireOrderNo(), 0), "applied once: " + row.key());
                }
            }
            assertEquals(ORDERS, applied.size());
            long left = 0;
            for (int p = 0; p < 4; p++) {
                left += admin.balance(dev.midasbridge.simulator.Environment.PRODUCTION, "player-" + p, "1").balance();
            }
            assertEquals(4 * 10_000 - ORDERS * 10, left, "no coin appeared or vanished");
        }
    }

    private static Process worker(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void runToEnd(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "worker finished");
        assertEquals(0, p.exitValue(), out);
    }
}
