package dev.midasbridge.journal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.Environment;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.journal.OrderStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit never answers before the row is durable: a real process with 64 callers deducting through a bridge
 * ({@link GroupCommitWorker}) is killed with SIGKILL while batches are in flight, right after callers got answers;
 * then every answered order is in the journal, applied, and no row is half-written (each has exactly the events of
 * the commits it went through), the embedded journal opens (its check file agrees) and every event chain verifies.
 */
class GroupCommitCrashTest {
    /** How many answers the test waits for before the kill. */
    private static final int ANSWERS = 1_500;

    @TempDir
    Path dir;

    @Test
    void embeddedAnsweredRowsSurviveAKill() throws Exception {
        Path file = dir.resolve("journal");
        Set<String> answered = runAndKill("embedded", file.toString());
        assertTrue(
                JdbcJournal.verifyEmbedded(file, false, Duration.ofSeconds(10)).ok(), "the journal verifies");
        try (JdbcJournal journal = JdbcJournal.embedded(file)) {
            check(journal, answered);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "MIDAS_BRIDGE_PG_URL", matches = ".+")
    void postgresAnsweredRowsSurviveAKill() throws Exception {
        String prefix = PostgresFixture.freshPrefix();
        try {
            Set<String> answered = runAndKill("pg", prefix);
            try (JdbcJournal journal = PostgresFixture.open(prefix, 2)) {
                check(journal, answered);
            }
        } finally {
            try (JdbcJournal journal = PostgresFixture.open(prefix, 2)) {
                journal.dropTables();
            }
        }
    }

    private static void check(JdbcJournal journal, Set<String> answered) {
        List<JournalEntry> rows = journal.list(Integer.MAX_VALUE);
        Set<String> journaled = new HashSet<>();
        int pending = 0;
        for (JournalEntry row : rows) {
            journaled.add(row.key().orderNo());
            int events = journal.history(row.key()).size();
            if (row.status() == OrderStatus.APPLIED) {
                assertEquals(3, events, "intent, attempt, outcome: " + row);
            } else {
                // Killed between its two commits: intent and attempt 1, both of the first commit.
                assertEquals(OrderStatus.PENDING, row.status(), row.toString());
                assertEquals(1, row.attempts(), row.toString());
                assertTrue(row.maybeApplied(), row.toString());
                assertEquals(2, events, row.toString());
                pending++;
            }
        }
        for (String order : answered) {
            JournalEntry row = journal.find(
                            JournalKey.of(Environment.PRODUCTION, CommitsPerDeductionContract.ALICE, order))
                    .orElseThrow(() -> new AssertionError("answered but not journaled: " + order));
            assertEquals(OrderStatus.APPLIED, row.status(), "answered, so applied in the journal: " + row);
        }
        System.out.printf(
                "GroupCommitCrashTest: killed after %d answers; %d rows journaled (%d applied, %d in flight)%n",
                answered.size(), rows.size(), rows.size() - pending, pending);
    }

    /** Starts the worker, reads answers until {@link #ANSWERS}, kills it with SIGKILL; the orders it answered. */
    private static Set<String> runAndKill(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                GroupCommitWorker.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Set<String> answered = new HashSet<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("answered ")) {
                    answered.add(line.substring("answered ".length()));
                    if (answered.size() >= ANSWERS) {
                        p.destroyForcibly(); // SIGKILL, with batches in flight
                        break;
                    }
                }
            }
        } finally {
            p.destroyForcibly();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the worker died");
        assertTrue(
                answered.size() >= ANSWERS, "the worker answered " + answered.size() + " deductions before it ended");
        return answered;
    }
}
