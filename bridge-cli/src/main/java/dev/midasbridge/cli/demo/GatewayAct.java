package dev.midasbridge.cli.demo;

import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.app.standin.StandInSettings;
import dev.midasbridge.cli.audit.TerminalProgress;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.RetryPolicy;
import dev.midasbridge.engine.Sleeper;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import dev.midasbridge.gateway.Gateway;
import dev.midasbridge.gateway.GatewaySettings;
import dev.midasbridge.simulator.Fault;
import dev.midasbridge.simulator.FaultKind;
import dev.midasbridge.simulator.LedgerEntry;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's gateway act: a game server that only speaks midas 1.0 ({@link MidasV1Game}: plain HTTP, its own
 * signing) pays, grants, refunds and reads balances through the gateway, in front of a stand-in server of its own,
 * while an operator moves 0% -> 50% -> 100% of players to pay_v2 through the gateway's admin API, under injected
 * faults (busy -1s, dropped connections, timeouts, answers that never arrive). The game retries a -1 with the same
 * bill_no, as the API tells it to. After each step the gateway reconciles, the game retries what it still does not
 * know, and the act checks the game's own book against the stand-in's ledger.
 */
final class GatewayAct {
    /** A mistake in the game server, for the tests that show the checks catch it. */
    enum GameBug {
        NONE,
        /** The game retries a -1 with a new bill_no: a deduction whose answer was lost is applied twice. */
        NEW_BILL_NO_ON_RETRY,
        /** The game calls the stand-in directly, not the gateway: no routing, no journal. */
        BYPASS_GATEWAY
    }

    private static final Environment PROD = Environment.PRODUCTION;
    private static final dev.midasbridge.simulator.Environment STAND_IN_PROD =
            dev.midasbridge.simulator.Environment.PRODUCTION;
    private static final int[] STEPS = {0, 50, 100};
    /** Attempts the gateway's bridge makes per call before it answers -1. */
    private static final int BRIDGE_ATTEMPTS = 3;
    /** Attempts the game makes per order within a step (first send and its retries of -1). */
    private static final int GAME_ATTEMPTS = 5;

    private static final int MAX_PLAYERS = 60;

    /** One order of the game's book: what it asked, under which bill_nos, and what it knows of the outcome. */
    private static final class Order {
        final String openid;
        final String endpoint;
        final String billNo;
        final long amount;
        final int step;
        final ApiVersion routed;
        final List<String> sentAs = new ArrayList<>();
        volatile long errcode = -1;

        Order(String openid, String endpoint, String billNo, long amount, int step, ApiVersion routed) {
            this.openid = openid;
            this.endpoint = endpoint;
            this.billNo = billNo;
            this.amount = amount;
            this.step = step;
            this.routed = routed;
        }

        boolean applied() {
            return errcode == 0;
        }

        boolean unknown() {
            return errcode == -1;
        }

        @Override
        public String toString() {
            return openid + "/" + endpoint + "/" + billNo;
        }
    }

    /** What the act found: its checks, each held only if it held after every step. */
    record Outcome(List<LedgerCheck.Result> checks) {}

    private final PrintWriter out;
    private final PrintWriter err;
    private final Path dir;
    private final boolean keepJournal;
    private final int players;
    private final long seed;
    private final GameBug bug;
    private final HttpClient operator = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final AtomicLong gameRetries = new AtomicLong();
    private final ConcurrentLinkedQueue<Order> orders = new ConcurrentLinkedQueue<>();

    GatewayAct(PrintWriter out, PrintWriter err, Path dir, boolean keepJournal, int players, long seed, GameBug bug) {
        this.out = out;
        this.err = err;
        this.dir = dir;
        this.keepJournal = keepJournal;
        this.players = Math.min(players, MAX_PLAYERS);
        this.seed = seed;
        this.bug = bug;
    }

    /** Runs the act, printing a line per step; the checks are the act's part of the demo's verdict. */
    Outcome run() throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(seed * 7 + 1);
        List<String> openids = new ArrayList<>();
        Map<String, String> sessionKeys = new LinkedHashMap<>();
        List<SimulatorConfig.PlayerSeed> seeds = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            String openid = String.format("game-%04d", i);
            String key = Long.toHexString(random.nextLong());
            openids.add(openid);
            sessionKeys.put(openid, key);
            seeds.add(new SimulatorConfig.PlayerSeed(
                    openid, dev.midasbridge.simulator.Secret.of(key), "1", DemoCommand.SEED_BALANCE, 0));
        }
        String appKey = Long.toHexString(random.nextLong());
        String accessToken = "game-token-" + Long.toHexString(random.nextLong());
        SimulatorConfig world = SimulatorConfig.of(
                dev.midasbridge.simulator.Secret.of(accessToken),
                new SimulatorConfig.MidasV1Keys(
                        "wxgame",
                        "1450000011",
                        dev.midasbridge.simulator.Secret.of(appKey),
                        dev.midasbridge.simulator.Secret.of(Long.toHexString(random.nextLong()))),
                new SimulatorConfig.PayV2Keys(
                        "1450000012",
                        dev.midasbridge.simulator.Secret.of(Long.toHexString(random.nextLong())),
                        dev.midasbridge.simulator.Secret.of(Long.toHexString(random.nextLong()))),
                seeds,
                List.of(),
                List.of());
        String adminToken = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
        BridgeConfig bridge = BridgeConfig.builder()
                .callTimeout(Duration.ofMillis(250))
                .retry(new RetryPolicy(
                        BRIDGE_ATTEMPTS,
                        Duration.ofMillis(5),
                        Duration.ofMillis(40),
                        Duration.ofSeconds(3),
                        Sleeper.REAL))
                .build();
        TerminalProgress starting =
                TerminalProgress.start(err, "gateway act: starting a stand-in and the gateway", -1, "");
        try (StandInServer stand = StandInServer.start(
                world, StandInServer.Options.defaults().withPort(0).withAdmin(true))) {
            GatewaySettings settings = GatewaySettings.builder(stand.baseUrl())
                    .listen("127.0.0.1", 0)
                    .admin("127.0.0.1", 0, Secret.of(adminToken))
                    .reconcileInterval(Duration.ofHours(1))
                    .stopTimeout(Duration.ofSeconds(2))
                    .upstreamTimeout(Duration.ofSeconds(5))
                    .build();
            try (Gateway gateway = Gateway.start(
                    StandInSettings.of(
                            stand.baseUrl(),
                            world,
                            new JournalSettings.Embedded(dir.resolve("gateway-journal")),
                            bridge),
                    settings)) {
                String admin = gateway.adminUrl().orElseThrow().toString();
                // the operator imports the players' session keys, as a game that logs players in elsewhere would
                StringBuilder keys = new StringBuilder("{\"session_keys\":[");
                sessionKeys.forEach((openid, key) -> keys.append(keys.length() > 17 ? "," : "")
                        .append("{\"openid\":\"")
                        .append(openid)
                        .append("\",\"session_key\":\"")
                        .append(key)
                        .append("\"}"));
                adminCall(
                        admin,
                        adminToken,
                        "POST",
                        "/admin/session-keys",
                        keys.append("]}").toString());
                starting.close();
                String gameBase = bug == GameBug.BYPASS_GATEWAY
                        ? stand.baseUrl()
                        : gateway.baseUrl().toString();
                MidasV1Game game = new MidasV1Game(gameBase, "wxgame", "1450000011", appKey, accessToken);
                out.printf(
                        "%ngateway act: a game server that speaks only midas 1.0 (plain HTTP, its own sig and"
                                + " mp_sig) and retries a -1 with the same bill_no; %d players%n",
                        players);
                out.printf(
                        "  gateway %s (admin API %s) in front of a stand-in %s, journal %s%n",
                        gateway.baseUrl(),
                        admin,
                        stand.baseUrl(),
                        keepJournal ? dir.resolve("gateway-journal.mv.db") : "in the same temporary folder");
                out.flush();
                Map<String, List<String>> problems = new LinkedHashMap<>();
                String[] names = {"once", "balances", "version", "unknown", "journal"};
                for (String n : names) {
                    problems.put(n, new ArrayList<>());
                }
                int step = 0;
                for (int percent : STEPS) {
                    step++;
                    // the operator moves players, as with curl -X PUT .../admin/routing
                    adminCall(admin, adminToken, "PUT", "/admin/routing", "{\"pay_v2_percent\":" + percent + "}");
                    Router routing = Router.create(RoutingPolicy.percentOnPayV2(percent));
                    int forced = injectFaults(stand, random, openids, step);
                    long retriesBefore = gameRetries.get();
                    try (TerminalProgress progress = TerminalProgress.start(
                            err, "gateway step " + step + " (" + percent + "% on pay_v2)", openids.size(), "players")) {
                        runStep(game, openids, sessionKeys, step, routing, progress);
                    }
                    stand.admin().clearFaults();
                    long unknownBefore = orders.stream().filter(Order::unknown).count();
                    String reconciled = adminCall(admin, adminToken, "POST", "/admin/reconcile", "");
                    // what the game still does not know, it asks again with the same bill_no
                    for (Order o : orders) {
                        if (o.unknown()) {
                            send(game, sessionKeys.get(o.openid), o, 1);
                        }
                    }
                    List<LedgerEntry> ledger = stand.admin().ledger();
                    Map<String, Long> readThroughGateway = new HashMap<>();
                    for (String openid : openids) {
                        MidasV1Game.Answer a = game.getBalance(openid, sessionKeys.get(openid));
                        readThroughGateway.put(openid, a.errcode() == 0 ? a.number("balance") : Long.MIN_VALUE);
                    }
                    List<JournalEntry> journal = gateway.bridge().journal().list(Integer.MAX_VALUE);
                    Map<String, List<String>> found = check(
                            ledger,
                            journal,
                            openids,
                            readThroughGateway,
                            id -> stand.admin().balance(STAND_IN_PROD, id, "1").balance(),
                            gateway.bridge().journal().unresolved().size());
                    int s = step;
                    found.forEach((k, v) -> v.forEach(p -> problems.get(k).add("step " + s + ": " + p)));
                    List<Order> stepOrders =
                            orders.stream().filter(o -> o.step == s).toList();
                    boolean held = found.values().stream().allMatch(List::isEmpty);
                    out.printf(
                            "gateway step %d: %3d%% on pay_v2  orders: %d on midas_v1, %d on pay_v2; game retries"
                                    + " of -1: %d; unknown %d (%d forced by dropped answers), %s after reconcile; checks %s%n",
                            step,
                            percent,
                            stepOrders.stream()
                                    .filter(o -> o.routed == ApiVersion.MIDAS_V1)
                                    .count(),
                            stepOrders.stream()
                                    .filter(o -> o.routed == ApiVersion.PAY_V2)
                                    .count(),
                            gameRetries.get() - retriesBefore,
                            unknownBefore,
                            forced,
                            orders.stream().noneMatch(Order::unknown) ? "none" : "some still",
                            held ? "hold" : "FAIL");
                    if (!reconciled.contains("\"ran\":true")) {
                        problems.get("unknown")
                                .add("step " + s + ": the gateway's reconcile did not run: " + reconciled);
                    }
                    out.flush();
                }
                long n = orders.size();
                out.printf("gateway act: %d orders in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
                List<LedgerCheck.Result> checks = new ArrayList<>();
                checks.add(result(
                        "gateway act: every game order applied exactly once on the stand-in (" + n + " orders)",
                        problems.get("once")));
                checks.add(result(
                        "gateway act: balances = the game's own book = the stand-in's = getbalance through"
                                + " the gateway (" + players + " players)",
                        problems.get("balances")));
                checks.add(result(
                        "gateway act: every order on the version the routing gave it when first seen",
                        problems.get("version")));
                checks.add(result(
                        "gateway act: nothing left unknown after the gateway's reconcile", problems.get("unknown")));
                checks.add(result(
                        "gateway act: the gateway's journal agrees with the stand-in's ledger",
                        problems.get("journal")));
                return new Outcome(checks);
            }
        } finally {
            starting.close();
        }
    }

    private static LedgerCheck.Result result(String name, List<String> problems) {
        return new LedgerCheck.Result(name, problems.isEmpty(), problems.subList(0, Math.min(5, problems.size())));
    }

    /**
     * Faults for this step on the act's stand-in: busy -1s that outlast the gateway's retries (the game sees -1 and
     * retries), dropped connections and stalls past the gateway's timeout (the gateway retries), and two deductions
     * whose answers never arrive until the faults are cleared (unknown until the reconcile).
     */
    private static int injectFaults(StandInServer stand, Random random, List<String> openids, int step) {
        String[] endpoints = {"pay", "present", "cancelpay"};
        for (int i = 0; i < 4; i++) {
            stand.admin()
                    .addFault(Fault.of(FaultKind.BUSY)
                            .forEndpoint("pay")
                            .forPlayer(openids.get(random.nextInt(openids.size())))
                            .times(BRIDGE_ATTEMPTS + 1));
            stand.admin()
                    .addFault(Fault.of(FaultKind.DROP_BEFORE_APPLY)
                            .forEndpoint(endpoints[random.nextInt(endpoints.length)])
                            .forPlayer(openids.get(random.nextInt(openids.size()))));
            stand.admin()
                    .addFault(Fault.of(FaultKind.STALL_AFTER_APPLY)
                            .forEndpoint(endpoints[random.nextInt(endpoints.length)])
                            .forPlayer(openids.get(random.nextInt(openids.size())))
                            .delay(Duration.ofMillis(400)));
        }
        int forced = 0;
        for (int i = 0; i < 2 && i < openids.size(); i++) {
            stand.admin()
                    .addFault(Fault.of(FaultKind.DROP_AFTER_APPLY)
                            .forOrder(billNo(step, "d", i * 7 % openids.size()))
                            .times(Fault.UNLIMITED));
            forced++;
        }
        return forced;
    }

    private void runStep(
            MidasV1Game game,
            List<String> openids,
            Map<String, String> keys,
            int step,
            Router routing,
            TerminalProgress progress)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < openids.size(); i++) {
                int index = i;
                done.add(pool.submit(() -> {
                    playerTurn(
                            game,
                            openids.get(index),
                            keys.get(openids.get(index)),
                            step,
                            index,
                            routing,
                            new Random(seed * 1_000_003 + step * 10_007 + index));
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
    private void playerTurn(
            MidasV1Game game, String openid, String key, int step, int index, Router routing, Random r) {
        ApiVersion routed = routing.route(Player.of(openid), PROD);
        Order pay = order(openid, "pay", billNo(step, "d", index), 1 + r.nextInt(60), step, routed);
        send(game, key, pay, GAME_ATTEMPTS);
        if (r.nextInt(3) == 0) {
            send(
                    game,
                    key,
                    order(openid, "present", billNo(step, "g", index), 1 + r.nextInt(20), step, routed),
                    GAME_ATTEMPTS);
        }
        if (pay.applied() && r.nextInt(3) == 0) {
            send(game, key, order(openid, "cancelpay", pay.billNo, pay.amount, step, routed), GAME_ATTEMPTS);
        }
        game.getBalance(openid, key);
    }

    private Order order(String openid, String endpoint, String billNo, long amount, int step, ApiVersion routed) {
        Order o = new Order(openid, endpoint, billNo, amount, step, routed);
        orders.add(o);
        return o;
    }

    /** Sends {@code o}, retrying a -1 (or no answer) up to {@code attempts} times in all, with the same bill_no. */
    private void send(MidasV1Game game, String key, Order o, int attempts) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            String bill = o.billNo;
            boolean retry = !o.sentAs.isEmpty();
            if (retry) {
                gameRetries.incrementAndGet();
                if (bug == GameBug.NEW_BILL_NO_ON_RETRY && !o.endpoint.equals("cancelpay")) {
                    bill = o.billNo + "-x" + o.sentAs.size();
                }
            }
            if (!o.sentAs.contains(bill)) {
                o.sentAs.add(bill);
            }
            MidasV1Game.Answer a = switch (o.endpoint) {
                case "pay" -> game.pay(o.openid, key, bill, o.amount);
                case "present" -> game.present(o.openid, key, bill, o.amount);
                default -> game.cancelPay(o.openid, key, bill);
            };
            o.errcode = a.errcode();
            if (a.errcode() != -1) {
                return;
            }
            if (attempt < attempts) {
                sleep(10L << Math.min(attempt, 3));
            }
        }
    }

    /** The checks after a step, each a list of problems (empty: it held). */
    private Map<String, List<String>> check(
            List<LedgerEntry> ledger,
            List<JournalEntry> journal,
            List<String> openids,
            Map<String, Long> readThroughGateway,
            java.util.function.ToLongFunction<String> standInBalance,
            int journalUnresolved) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        // which bill_nos the stand-in applied, how often and on which version (a refund by its deduction's bill_no)
        Map<String, List<LedgerEntry>> applied = new HashMap<>();
        for (LedgerEntry e : ledger) {
            if (e.environment() == STAND_IN_PROD) {
                String bill =
                        e.endpoint().equals("cancelpay") ? e.refundedBillNo().orElse(e.billNo()) : e.billNo();
                applied.computeIfAbsent(e.openid() + "/" + e.endpoint() + "/" + bill, k -> new ArrayList<>())
                        .add(e);
            }
        }
        List<String> once = new ArrayList<>();
        List<String> version = new ArrayList<>();
        Map<String, Long> book = new HashMap<>();
        java.util.Set<String> asked = new java.util.HashSet<>();
        for (Order o : orders) {
            List<LedgerEntry> entries = new ArrayList<>();
            for (String bill : o.sentAs) {
                asked.add(o.openid + "/" + o.endpoint + "/" + bill);
                entries.addAll(applied.getOrDefault(o.openid + "/" + o.endpoint + "/" + bill, List.of()));
            }
            int expected = o.applied() ? 1 : 0;
            if (entries.size() != expected && !(o.unknown() && entries.size() <= 1)) {
                once.add(o + " applied " + entries.size() + " times on the stand-in, the game counts it "
                        + (o.applied() ? "applied" : "not applied") + " (sent as " + o.sentAs + ")");
            }
            for (LedgerEntry e : entries) {
                if (!e.version().label().equals(o.routed.label())) {
                    version.add(o + " went to " + e.version().label() + ", the routing gave it " + o.routed.label());
                }
            }
            if (o.applied()) {
                long signed = o.endpoint.equals("pay") ? -o.amount : o.amount;
                book.merge(o.openid, signed, Long::sum);
            }
        }
        applied.keySet().stream()
                .filter(k -> !asked.contains(k))
                .sorted()
                .forEach(k -> once.add(k + ": applied by the stand-in, never asked by the game"));
        p.put("once", once);
        List<String> balances = new ArrayList<>();
        for (String openid : openids) {
            long expected = DemoCommand.SEED_BALANCE + book.getOrDefault(openid, 0L);
            long onStandIn = standInBalance.applyAsLong(openid);
            long read = readThroughGateway.get(openid);
            if (onStandIn != expected || read != expected) {
                balances.add(openid + ": the game's book says " + expected + ", the stand-in has " + onStandIn
                        + ", getbalance through the gateway answered " + (read == Long.MIN_VALUE ? "an error" : read));
            }
        }
        p.put("balances", balances);
        p.put("version", version);
        List<String> unknown = new ArrayList<>();
        orders.stream().filter(Order::unknown).limit(5).forEach(o -> unknown.add(o + ": still -1 for the game"));
        if (journalUnresolved > 0) {
            unknown.add(journalUnresolved + " orders unresolved in the gateway's journal");
        }
        p.put("unknown", unknown);
        List<String> agree = new ArrayList<>();
        for (LedgerCheck.Result r :
                LedgerCheck.run(ledger, journal, PROD, openids, DemoCommand.SEED_BALANCE, standInBalance)) {
            if (!r.held()) {
                agree.add(r.name() + ": " + r.problems());
            }
        }
        p.put("journal", agree);
        return p;
    }

    private String adminCall(String admin, String token, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> r = operator.send(
                HttpRequest.newBuilder(URI.create(admin + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the gateway's admin API refused " + method + " " + path + ": HTTP "
                    + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String billNo(int step, String kind, int player) {
        return "g" + step + "-" + kind + "-" + player;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
