package dev.midasbridge.cli.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import dev.midasbridge.cli.bridge.CrashWorker.KillPoint;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.ReconcileReport;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.journal.OrderStatus;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A game server JVM deducting a batch of orders is killed (SIGKILL) at a point inside one deduction, several times;
 * after each kill, and before anything else runs, reconcile alone resumes the embedded journal file it left behind,
 * and the test checks what reconcile resolved: how many orders were unresolved, that it resolved them all, and which
 * ended APPLIED and which not, against the stand-in server's ledger. Then the batch runs on to the next kill point.
 *
 * <p>Kill points (order and {@link KillPoint}; every kind once per run) and the orders left UNKNOWN before each kill
 * are drawn from a seeded random: the seed is printed, and {@code -Dcrash.seed=N} repeats a run.
 */
class CrashRecoveryTest {
    private static final int ORDERS = 30;
    private static final int PLAYERS = 4;
    private static final long SEED_BALANCE = 10_000;
    private static final Environment PROD = Environment.PRODUCTION;

    @TempDir
    Path dir;

    /** One kill: the order, where in its deduction, and orders before it left UNKNOWN (with their fault). */
    record Kill(int order, KillPoint point, Map<Integer, FaultKind> leftUnknown) {
        String orderNo() {
            return "crash-" + order;
        }
    }

    /** The journal row of an unresolved order just before reconcile. */
    record Before(JournalKey key, int attempts, boolean maybeApplied, long onServer) {}

    @Test
    void reconcileAloneResolvesWhatEachKillLeftAndEveryOrderEndsExactlyOnce() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("CrashRecoveryTest seed " + seed + " (repeat with -Dcrash.seed=" + seed + ")");
        List<Kill> kills = plan(new Random(seed));
        Path journalFile = dir.resolve("journal");
        Set<String> takenElsewhere = new HashSet<>();
        int unresolvedTotal = 0;
        int appliedTotal = 0;
        int notAppliedTotal = 0;
        int neverSentTotal = 0;
        try (Stack stack = Stack.start(
                PLAYERS,
                SEED_BALANCE,
                new dev.midasbridge.app.JournalSettings.InMemory(),
                Duration.ofMillis(400),
                3,
                false)) {
            var admin = stack.server.admin();
            String baseUrl = stack.server.baseUrl();
            for (int k = 0; k < kills.size(); k++) {
                Kill kill = kills.get(k);
                String where = "kill " + (k + 1) + " (seed " + seed + "): " + kill;
                kill.leftUnknown()
                        .forEach((order, fault) -> admin.addFault(
                                Fault.of(fault).forOrder("crash-" + order).times(Fault.UNLIMITED)));
                if (kill.point() == KillPoint.SECOND_ATTEMPT) {
                    admin.addFault(Fault.of(FaultKind.DROP_AFTER_APPLY).forOrder(kill.orderNo()));
                } else if (kill.point() == KillPoint.IN_FLIGHT) {
                    admin.addFault(Fault.of(FaultKind.STALL_AFTER_APPLY)
                            .forOrder(kill.orderNo())
                            .delay(Duration.ofSeconds(3)));
                }

                runUntilKilled(
                        worker(
                                "batch",
                                baseUrl,
                                journalFile.toString(),
                                String.valueOf(ORDERS),
                                kill.orderNo(),
                                kill.point().name()),
                        kill,
                        admin,
                        where);
                admin.clearFaults();

                // Reconcile alone, in this JVM, against the file the killed process left (nothing else has run).
                Injector injector = CrashWorker.injector(baseUrl, journalFile);
                try (Journal journal = injector.getInstance(Journal.class)) {
                    if (kill.point() == KillPoint.TAKEN_ELSEWHERE) {
                        takeElsewhere(injector, kill);
                        takenElsewhere.add(kill.orderNo());
                    }
                    Map<JournalKey, Before> before = new LinkedHashMap<>();
                    for (JournalEntry e : journal.unresolved()) {
                        before.put(
                                e.key(),
                                new Before(
                                        e.key(),
                                        e.attempts(),
                                        e.maybeApplied(),
                                        appliedOnServer(admin.ledger(), e.wireOrderNo())));
                    }
                    checkKillPoint(before, kill, where);

                    GameCurrency bridge = CrashWorker.bridge(injector, journal, null, null);
                    ReconcileReport report = bridge.reconcile(openid -> Optional.of(CrashWorker.session(openid)));

                    int applied = 0;
                    int notApplied = 0;
                    int neverSent = 0;
                    List<LedgerEntry> ledger = admin.ledger();
                    for (Before b : before.values()) {
                        JournalEntry now = journal.find(b.key()).orElseThrow();
                        String what = where + ": " + b + " -> " + now.status() + " " + journal.history(b.key());
                        assertTrue(!now.status().unresolved(), "reconcile resolved it: " + what);
                        assertEquals(1, appliedOnServer(ledger, now.wireOrderNo()), "on the server once: " + what);
                        boolean elsewhere = takenElsewhere.contains(b.key().orderNo());
                        assertEquals(elsewhere ? OrderStatus.REJECTED : OrderStatus.APPLIED, now.status(), what);
                        if (now.status() == OrderStatus.APPLIED) {
                            applied++;
                        } else {
                            notApplied++;
                        }
                        if (b.attempts() == 0) {
                            neverSent++;
                        }
                    }
                    assertTrue(journal.unresolved().isEmpty(), where + ": nothing left unresolved");
                    assertEquals(
                            before.size(),
                            report.total(),
                            where + ": reconcile looked at every unresolved" + " order " + report);
                    assertEquals(applied, report.applied(), where + " " + report);
                    assertEquals(notApplied, report.notApplied(), where + " " + report);
                    assertEquals(0, report.stillUnknown(), where + " " + report);
                    assertEquals(0, report.skipped(), where + " " + report);
                    assertEquals(neverSent, report.neverSent(), where + " " + report);
                    System.out.printf(
                            "%s: %d unresolved before (%d never sent) -> reconcile: %d applied, %d not" + " applied%n",
                            where, before.size(), neverSent, report.applied(), report.notApplied());
                    unresolvedTotal += before.size();
                    appliedTotal += applied;
                    notAppliedTotal += notApplied;
                    neverSentTotal += neverSent;
                }
            }
            System.out.printf(
                    "CrashRecoveryTest seed %d: %d kills, %d unresolved orders reconciled (%d never sent):"
                            + " %d applied, %d not applied%n",
                    seed, kills.size(), unresolvedTotal, neverSentTotal, appliedTotal, notAppliedTotal);

            runToEnd(worker("batch", baseUrl, journalFile.toString(), String.valueOf(ORDERS)));

            Map<String, Integer> onServer = new HashMap<>();
            long deducted = 0;
            for (LedgerEntry e : admin.ledger()) {
                if (e.endpoint().equals("pay")) {
                    onServer.merge(e.billNo(), 1, Integer::sum);
                    deducted += CrashWorker.AMOUNT;
                }
            }
            try (Journal journal = dev.midasbridge.journal.jdbc.JdbcJournal.embedded(journalFile)) {
                List<JournalEntry> rows = journal.list(1000);
                assertEquals(ORDERS, rows.size(), "every order of the batch is journaled");
                for (JournalEntry row : rows) {
                    OrderStatus expected =
                            takenElsewhere.contains(row.key().orderNo()) ? OrderStatus.REJECTED : OrderStatus.APPLIED;
                    assertEquals(expected, row.status(), row.key() + " " + journal.history(row.key()));
                    assertEquals(1, onServer.getOrDefault(row.wireOrderNo(), 0), "applied once: " + row.key());
                }
            }
            assertEquals(ORDERS, onServer.size());
            long left = 0;
            for (int p = 0; p < PLAYERS; p++) {
                left += admin.balance(dev.midasbridge.simulator.Environment.PRODUCTION, "player-" + p, "1")
                        .balance();
            }
            assertEquals(PLAYERS * SEED_BALANCE - deducted, left, "no coin appeared or vanished");
            assertEquals(ORDERS * CrashWorker.AMOUNT, deducted);
        }
    }

    /** Every kill point kind once, at increasing orders, each with up to two earlier orders left UNKNOWN. */
    private static List<Kill> plan(Random random) {
        List<KillPoint> points = new ArrayList<>(Arrays.asList(KillPoint.values()));
        Collections.shuffle(points, random);
        TreeSet<Integer> orders = new TreeSet<>();
        while (orders.size() < points.size()) {
            orders.add(1 + random.nextInt(ORDERS - 1));
        }
        List<Kill> kills = new ArrayList<>();
        int previous = -1;
        int i = 0;
        for (int order : orders) {
            Map<Integer, FaultKind> unknown = new LinkedHashMap<>();
            int want = random.nextInt(3);
            for (int tries = 0; unknown.size() < want && tries < 10 && order - previous > 1; tries++) {
                int candidate = previous + 1 + random.nextInt(order - previous - 1);
                unknown.put(candidate, random.nextBoolean() ? FaultKind.DROP_AFTER_APPLY : FaultKind.DROP_BEFORE_APPLY);
            }
            kills.add(new Kill(order, points.get(i++), unknown));
            previous = order;
        }
        return kills;
    }

    /** The killed order is unresolved in the state its kill point leaves, and so is every order left UNKNOWN. */
    private static void checkKillPoint(Map<JournalKey, Before> before, Kill kill, String where) {
        Before b = before.values().stream()
                .filter(x -> x.key().orderNo().equals(kill.orderNo()))
                .findFirst()
                .orElse(null);
        if (kill.point() == KillPoint.BEFORE_SEND || kill.point() == KillPoint.TAKEN_ELSEWHERE) {
            // The intent is journaled with the first attempt, just before it is sent: killed before that, the
            // journal says nothing of the order, because nothing happened to it (the batch's re-run sends it).
            assertEquals(null, b, where + ": a never-sent order is not journaled: " + before.values());
        } else {
            assertNotNull(b, where + ": the killed order is unresolved: " + before.values());
        }
        switch (kill.point()) {
            case BEFORE_SEND, TAKEN_ELSEWHERE -> {}
            case AFTER_MARK -> {
                assertEquals(1, b.attempts(), where + " " + b);
                assertTrue(b.maybeApplied(), where + " " + b);
                assertEquals(0, b.onServer(), where + " " + b);
            }
            case IN_FLIGHT, AFTER_ANSWER, SECOND_ATTEMPT -> {
                assertEquals(1, b.attempts(), where + " " + b);
                assertTrue(b.maybeApplied(), where + " " + b);
                assertEquals(1, b.onServer(), where + " " + b);
            }
        }
        for (int order : kill.leftUnknown().keySet()) {
            assertTrue(
                    before.keySet().stream().anyMatch(key -> key.orderNo().equals("crash-" + order)),
                    where + ": crash-" + order + " was left unresolved: " + before.values());
        }
    }

    /** Another system uses the killed order's number (on the version the journal chose) before reconcile runs. */
    private static void takeElsewhere(Injector injector, Kill kill) {
        Player player = Player.of(CrashWorker.player(kill.order()));
        // Not journaled (killed before its first send): the version is the one the bridge will route it to.
        ApiVersion version = CrashWorker.config().router().route(player, PROD);
        try {
            CrashWorker.gateways(injector)
                    .get(version)
                    .deduct(
                            Deduction.of(player, CrashWorker.AMOUNT, OrderNo.of(kill.orderNo())),
                            CallContext.production(CrashWorker.session(player.openid()), Duration.ofSeconds(2)));
        } catch (PaymentException e) {
            throw new AssertionError("the deduction outside the bridge failed: " + e.getMessage(), e);
        }
    }

    private static long appliedOnServer(List<LedgerEntry> ledger, String billNo) {
        return ledger.stream()
                .filter(e -> e.endpoint().equals("pay") && e.billNo().equals(billNo))
                .count();
    }

    private static void runUntilKilled(Process p, Kill kill, dev.midasbridge.simulator.Admin admin, String where)
            throws Exception {
        List<String> seen = new ArrayList<>();
        boolean atKillPoint = false;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                seen.add(line);
                if (line.equals("kill-point " + kill.orderNo() + " " + kill.point())) {
                    atKillPoint = true;
                    break;
                }
            }
            if (atKillPoint && kill.point() == KillPoint.IN_FLIGHT) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (appliedOnServer(admin.ledger(), kill.orderNo()) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
            }
            p.destroyForcibly();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), where + ": the worker died");
        assertTrue(atKillPoint, where + ": the worker reached its kill point: " + seen);
    }

    private static Process worker(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                CrashWorker.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void runToEnd(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "worker finished");
        assertEquals(0, p.exitValue(), out);
    }
}
