package dev.midasbridge.cli.demo;

import com.google.inject.Injector;
import dev.midasbridge.app.BridgeApplication;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.app.standin.StandInSettings;
import dev.midasbridge.cli.audit.TerminalProgress;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.ReconcileReport;
import dev.midasbridge.engine.RetryPolicy;
import dev.midasbridge.engine.Sleeper;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.OrderKind;
import dev.midasbridge.engine.routing.RoutingPolicy;
import dev.midasbridge.simulator.Fault;
import dev.midasbridge.simulator.FaultKind;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bridge demo}: a whole migration on one machine. Starts the stand-in server in-process and an embedded journal
 * in a temporary folder, then moves a few hundred players from midas 1.0 to pay_v2 in steps (0% -> 50% -> 100%) while
 * they deduct, receive grants and get refunds under injected faults; reconciles what stayed unknown and checks the
 * journal and every balance against the server's ledger. Then the gateway act ({@link GatewayAct}): a game server that
 * speaks only midas 1.0, over plain HTTP, migrates the same way through the gateway without changing a line.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Migrate a few hundred players from midas 1.0 to pay_v2 (0%% -> 50%% -> 100%%) against the"
                + " in-process stand-in server, with faults injected, and check that no coin or order was lost;"
                + " then the same through the gateway for a game server that only speaks midas 1.0 over plain HTTP.",
        footer = {
            "%nExamples:",
            "  bridge demo",
            "  bridge demo --players 1000 --seed 7 --keep-journal ./demo-journal",
            "%nExit codes: 0 every check held; 1 a check failed; 2 bad input."
        })
public final class DemoCommand implements Callable<Integer> {
    private static final Environment PROD = Environment.PRODUCTION;
    private static final dev.midasbridge.simulator.Environment STAND_IN_PROD =
            dev.midasbridge.simulator.Environment.PRODUCTION;
    static final long SEED_BALANCE = 1_000;
    private static final int[] STEPS = {0, 50, 100};

    @Spec
    CommandSpec spec;

    @Option(names = "--players", defaultValue = "300", description = "How many players (default ${DEFAULT-VALUE}).")
    int players;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random operations and faults.")
    long seed;

    @Option(names = "--keep-journal", paramLabel = "DIR", description = "Keep the embedded journal in DIR.")
    Path keepJournal;

    @Override
    public Integer call() throws Exception {
        if (players < 1 || players > 100_000) {
            throw new IllegalArgumentException("--players " + players + ": must be from 1 to 100000");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.printf("midas-bridge demo: %d players move from midas 1.0 to pay_v2%n", players);
        out.flush();
        List<String> openids = new ArrayList<>();
        List<SimulatorConfig.PlayerSeed> seeds = new ArrayList<>();
        Random random = new Random(seed);
        for (int i = 0; i < players; i++) {
            String openid = String.format("demo-%04d", i);
            openids.add(openid);
            seeds.add(new SimulatorConfig.PlayerSeed(
                    openid,
                    dev.midasbridge.simulator.Secret.of(Long.toHexString(random.nextLong())),
                    "1",
                    SEED_BALANCE,
                    0));
        }
        SimulatorConfig server = SimulatorConfig.of(
                dev.midasbridge.simulator.Secret.of("demo-token-" + Long.toHexString(random.nextLong())),
                new SimulatorConfig.MidasV1Keys(
                        "wxdemo",
                        "1450000001",
                        dev.midasbridge.simulator.Secret.of(Long.toHexString(random.nextLong())),
                        dev.midasbridge.simulator.Secret.of(Long.toHexString(random.nextLong()))),
                new SimulatorConfig.PayV2Keys(
                        "1450000002",
                        dev.midasbridge.simulator.Secret.of(Long.toHexString(random.nextLong())),
                        dev.midasbridge.simulator.Secret.of(Long.toHexString(random.nextLong()))),
                seeds,
                List.of(),
                List.of());
        Path dir = keepJournal != null
                ? Files.createDirectories(keepJournal)
                : Files.createTempDirectory("midas-bridge-demo");
        BridgeConfig config = BridgeConfig.builder()
                .callTimeout(Duration.ofMillis(250))
                .shadowReads(true)
                .retry(new RetryPolicy(
                        4, Duration.ofMillis(5), Duration.ofMillis(40), Duration.ofSeconds(5), Sleeper.REAL))
                .build();
        TerminalProgress starting = TerminalProgress.start(err, "starting the stand-in server and the journal", -1, "");
        try (StandInServer stand = StandInServer.start(
                server, StandInServer.Options.defaults().withPort(0).withAdmin(true))) {
            Injector injector = BridgeApplication.injector((StandInSettings.of(
                    stand.baseUrl(), server, new JournalSettings.Embedded(dir.resolve("journal")), config)));
            GameCurrency bridge = injector.getInstance(GameCurrency.class);
            try (Journal journal = injector.getInstance(Journal.class)) {
                starting.close();
                // the journal's path only when it outlives the demo: a temporary one is deleted at the end
                out.printf(
                        "  stand-in server %s (in-process), journal %s%n%n",
                        stand.baseUrl(),
                        keepJournal != null
                                ? dir.resolve("journal.mv.db")
                                : "in a temporary folder, deleted at the end" + " (--keep-journal DIR keeps it)");
                out.flush();
                Map<String, PlayerSession> sessions = new java.util.HashMap<>();
                seeds.forEach(p -> sessions.put(
                        p.openid(), new PlayerSession(p.openid(), StandInSettings.secret(p.sessionKey()))));
                int step = 0;
                for (int percent : STEPS) {
                    step++;
                    bridge.router().setPolicy(PROD, RoutingPolicy.percentOnPayV2(percent));
                    List<String> forced = injectFaults(stand, random, openids, step);
                    try (TerminalProgress progress = TerminalProgress.start(
                            err, "step " + step + " (" + percent + "% on pay_v2)", openids.size(), "players")) {
                        runStep(bridge, sessions, openids, step, seed * 31 + step, progress);
                    }
                    String prefix = "s" + step + "-";
                    List<JournalEntry> stepRows = journal.list(Integer.MAX_VALUE).stream()
                            .filter(e -> e.key().orderNo().startsWith(prefix))
                            .toList();
                    out.printf(
                            "step %d: %3d%% on pay_v2  orders: %d on midas_v1, %d on pay_v2; retries %d;"
                                    + " unknown %d (%d forced by dropped answers)%n",
                            step,
                            percent,
                            count(stepRows, ApiVersion.MIDAS_V1),
                            count(stepRows, ApiVersion.PAY_V2),
                            stepRows.stream()
                                    .mapToLong(e -> Math.max(0, e.attempts() - 1))
                                    .sum(),
                            stepRows.stream()
                                    .filter(e -> e.status().unresolved())
                                    .count(),
                            forced.size());
                    out.flush();
                }
                stand.admin().clearFaults();
                int unresolved = journal.unresolved().size();
                ReconcileReport report;
                TerminalProgress reconciling =
                        TerminalProgress.start(err, "reconciling " + unresolved + " unknown orders", -1, "");
                try {
                    report = bridge.reconcile(openid -> Optional.ofNullable(sessions.get(openid)));
                } finally {
                    reconciling.close();
                }
                out.printf(
                        "%nreconcile: %d unknown orders resumed: %d applied, %d not applied, %d still unknown%n",
                        unresolved, report.applied(), report.notApplied(), report.stillUnknown());
                out.printf(
                        "shadow reads: %d compared, %d divergences, %d not compared (the other version failed)%n",
                        bridge.shadowReport().compared(),
                        bridge.shadowReport().diverged(),
                        bridge.shadowReport().failed());
                List<JournalEntry> rows = journal.list(Integer.MAX_VALUE);
                List<LedgerCheck.Result> checks;
                TerminalProgress checking = TerminalProgress.start(err, "checking the server's ledger", -1, "");
                try {
                    checks = new ArrayList<>(LedgerCheck.run(
                            stand.admin().ledger(),
                            rows,
                            PROD,
                            openids,
                            SEED_BALANCE,
                            id -> stand.admin().balance(STAND_IN_PROD, id, "1").balance()));
                } finally {
                    checking.close();
                }
                checks.add(new LedgerCheck.Result(
                        "no order left unresolved",
                        journal.unresolved().isEmpty(),
                        journal.unresolved().stream()
                                .map(e -> e.key().toString())
                                .limit(5)
                                .toList()));
                checks.add(new LedgerCheck.Result(
                        "shadow reads found no divergence",
                        bridge.shadowReport().diverged() == 0,
                        bridge.shadowReport().divergences().stream()
                                .map(Object::toString)
                                .limit(5)
                                .toList()));
                checks.add(refundsFollowedTheirDeductions(rows));
                checks.addAll(new GatewayAct(out, err, dir, keepJournal != null, players, seed, GatewayAct.GameBug.NONE)
                        .run()
                        .checks());
                out.printf("%nchecks:%n");
                boolean all = true;
                for (LedgerCheck.Result c : checks) {
                    out.printf("  %s %s%n", c.held() ? "ok  " : "FAIL", c.name());
                    c.problems().forEach(p -> out.printf("         %s%n", p));
                    all &= c.held();
                }
                out.printf("%n%s%n", all ? "all checks hold" : "some checks FAILED");
                out.flush();
                return all ? 0 : 1;
            }
        } finally {
            starting.close();
            if (keepJournal == null) {
                deleteQuietly(dir);
            }
        }
    }

    /** Faults for this step: a handful of each kind on random players, and two orders whose answers never arrive. */
    private static List<String> injectFaults(StandInServer stand, Random random, List<String> openids, int step) {
        String[] endpoints = {"pay", "present", "cancelpay"};
        FaultKind[] kinds = {
            FaultKind.DROP_AFTER_APPLY,
            FaultKind.DROP_BEFORE_APPLY,
            FaultKind.BUSY,
            FaultKind.HTTP_502,
            FaultKind.NOT_JSON,
            FaultKind.STALL_AFTER_APPLY
        };
        for (int i = 0; i < 24; i++) {
            FaultKind kind = kinds[i % kinds.length];
            stand.admin()
                    .addFault(Fault.of(kind)
                            .forEndpoint(endpoints[random.nextInt(endpoints.length)])
                            .forPlayer(openids.get(random.nextInt(openids.size())))
                            .delay(Duration.ofMillis(400)));
        }
        List<String> forced = new ArrayList<>();
        for (int i = 0; i < 2 && i < openids.size(); i++) {
            String order = orderNo(step, i * 7 % openids.size(), 0, "d");
            stand.admin()
                    .addFault(
                            Fault.of(FaultKind.DROP_AFTER_APPLY).forOrder(order).times(Fault.UNLIMITED));
            forced.add(order);
        }
        return forced;
    }

    private void runStep(
            GameCurrency bridge,
            Map<String, PlayerSession> sessions,
            List<String> openids,
            int step,
            long stepSeed,
            TerminalProgress progress)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < openids.size(); i++) {
                int index = i;
                done.add(pool.submit(() -> {
                    playerSession(
                            bridge,
                            sessions.get(openids.get(index)),
                            step,
                            index,
                            new Random(stepSeed * 1_000_003 + index));
                    progress.step();
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One player's turn: a deduction, maybe a grant, maybe a refund of the deduction, and a balance read. */
    private void playerSession(GameCurrency bridge, PlayerSession session, int step, int index, Random r) {
        Player player = Player.of(session.openid());
        OrderNo deduction = OrderNo.of(orderNo(step, index, 0, "d"));
        long amount = 1 + r.nextInt(60);
        boolean deducted = attempt(() -> bridge.deduct(Deduction.of(player, amount, deduction), session, PROD));
        if (r.nextInt(3) == 0) {
            attempt(() -> bridge.grant(
                    Grant.of(player, 1 + r.nextInt(20), OrderNo.of(orderNo(step, index, 1, "g"))), session, PROD));
        }
        if (deducted && r.nextInt(3) == 0) {
            long back = r.nextBoolean() ? amount : 1 + r.nextInt((int) amount);
            attempt(() -> {
                try {
                    bridge.refund(
                            Refund.of(player, deduction, OrderNo.of(orderNo(step, index, 2, "r")), back),
                            session,
                            PROD);
                } catch (dev.midasbridge.core.error.InvalidInputException partialOnV1) {
                    // midas 1.0 refunds whole deductions only: refund the whole amount instead.
                    bridge.refund(
                            Refund.of(player, deduction, OrderNo.of(orderNo(step, index, 3, "r")), amount),
                            session,
                            PROD);
                }
            });
        }
        attempt(() -> bridge.balance(player, session, PROD));
    }

    private static String orderNo(int step, int player, int k, String kind) {
        return "s" + step + "-" + kind + "-" + player + "-" + k;
    }

    private static boolean attempt(Runnable call) {
        try {
            call.run();
            return true;
        } catch (PaymentException expectedUnderFaults) {
            return false;
        }
    }

    private static LedgerCheck.Result refundsFollowedTheirDeductions(List<JournalEntry> rows) {
        Map<String, ApiVersion> deductions = new java.util.HashMap<>();
        rows.stream()
                .filter(e -> e.kind() == OrderKind.DEDUCT)
                .forEach(e -> deductions.put(e.key().openid() + "/" + e.wireOrderNo(), e.version()));
        List<String> wrong = rows.stream()
                .filter(e -> e.kind() == OrderKind.REFUND)
                .filter(e -> deductions.get(
                                e.key().openid() + "/" + e.relatedOrderNo().orElseThrow())
                        != e.version())
                .map(e -> e.key() + " went to " + e.version().label())
                .limit(5)
                .toList();
        long refunds = rows.stream().filter(e -> e.kind() == OrderKind.REFUND).count();
        return new LedgerCheck.Result(
                "refunds went to the version of their deduction (" + refunds + " refunds)", wrong.isEmpty(), wrong);
    }

    private static long count(List<JournalEntry> rows, ApiVersion version) {
        return rows.stream().filter(e -> e.version() == version).count();
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the OS cleans it eventually
        }
    }
}
