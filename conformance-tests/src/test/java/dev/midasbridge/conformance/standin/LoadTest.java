package dev.midasbridge.conformance.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.simulator.Admin;
import dev.midasbridge.simulator.Fault;
import dev.midasbridge.simulator.FaultKind;
import dev.midasbridge.simulator.LedgerEntry;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import dev.midasbridge.simulator.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Eight clients, both adapters, a few seconds of random deductions, grants, refunds and balance reads on four shared
 * players in both worlds, while faults are injected at random. Every call whose outcome is unknown is retried with
 * the same order number until the answer is definite (API.md section 6). Afterwards no coin appeared or vanished and
 * no order was applied twice. Prints the requests per second reached; asserts nothing about speed.
 */
class LoadTest {
    private static final int CLIENTS = 8;
    private static final Duration RUN = Duration.ofSeconds(3);
    private static final long SEED = 100_000;
    private static final long SEED_PRESENT = 5_000;
    private static final List<String> PLAYERS = List.of("o-load-0", "o-load-1", "o-load-2", "o-load-3");

    /** A deduction the clients know was applied, with what is left to refund (reserved before a refund is sent). */
    private static final class Paid {
        final Environment env;
        final String openid;
        final String billNo;
        final long amount;
        final AtomicLong left;

        Paid(Environment env, String openid, String billNo, long amount) {
            this.env = env;
            this.openid = openid;
            this.billNo = billNo;
            this.amount = amount;
            this.left = new AtomicLong(amount);
        }
    }

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong orders = new AtomicLong();
    private final Map<String, AtomicLong> expected = new ConcurrentHashMap<>();
    private final List<Paid> paid = new CopyOnWriteArrayList<>();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();

    private static String key(Environment env, String openid) {
        return env + "/" + openid;
    }

    private static String sessionKey(String openid) {
        return "load-session-key-" + openid;
    }

    @Test
    void noCoinAppearsOrVanishesUnderConcurrentClientsAndFaults() throws Exception {
        try (StandInServer server =
                StandInServer.start(SimulatorConfig.parse(Wire.CONFIG), StandInServer.Options.defaults())) {
            for (String p : PLAYERS) {
                server.admin().rotateSessionKey(p, dev.midasbridge.simulator.Secret.of(sessionKey(p)));
                server.admin().seedBalance(p, "1", SEED, SEED_PRESENT);
                for (Environment env : Environment.values()) {
                    expected.put(key(env, p), new AtomicLong(SEED));
                }
            }
            CurrencyGateway[] gateways = {
                AdaptersTest.midasV1(server, Wire.V1_OFFER), AdaptersTest.payV2(server, Wire.V2_OFFER)
            };
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
            long start = System.nanoTime();
            long end = start + RUN.toNanos();
            Future<?> chaos = pool.submit(() -> injectFaults(server.admin(), end));
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        step(gateways);
                    }
                    return null;
                }));
            }
            chaos.get();
            for (Future<?> f : clients) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            System.out.printf(
                    "LoadTest: %d clients, %d requests in %.1f s = %.0f requests/s, %d operations applied,"
                            + " %d unknown outcomes retried%n",
                    CLIENTS, requests.get(), seconds, requests.get() / seconds, applied.get(), unknown.get());
            assertTrue(unknown.get() > 0, "the faults produced unknown outcomes to resolve");

            List<LedgerEntry> ledger = server.admin().ledger();
            assertEquals(applied.get(), ledger.size(), "the clients' count of applied operations matches the ledger");
            Map<String, Long> fromLedger = new HashMap<>();
            Set<String> orderKeys = new HashSet<>();
            for (LedgerEntry e : ledger) {
                long delta = e.endpoint().equals("pay") ? -e.amount() : e.amount();
                fromLedger.merge(key(Environment.valueOf(e.environment().name()), e.openid()), delta, Long::sum);
                String order = e.version() == dev.midasbridge.simulator.ApiVersion.MIDAS_V1
                                && e.endpoint().equals("cancelpay")
                        ? "refund-of:" + e.billNo()
                        : e.billNo();
                assertTrue(orderKeys.add(e.environment() + "/" + e.openid() + "/" + order), "applied twice: " + order);
            }
            for (String p : PLAYERS) {
                for (Environment env : Environment.values()) {
                    long balance = server.admin()
                            .balance(dev.midasbridge.simulator.Environment.valueOf(env.name()), p, "1")
                            .balance();
                    assertEquals(expected.get(key(env, p)).get(), balance, "client-side account of " + key(env, p));
                    assertEquals(SEED + fromLedger.getOrDefault(key(env, p), 0L), balance, "ledger of " + key(env, p));
                }
            }
        }
    }

    private void injectFaults(Admin admin, long end) {
        FaultKind[] kinds = FaultKind.values();
        String[] endpoints = {"pay", "present", "cancelpay", "getbalance"};
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            FaultKind kind = kinds[random.nextInt(kinds.length)];
            Duration delay = kind == FaultKind.STALL_AFTER_APPLY ? Duration.ofMillis(600) : Duration.ofMillis(20);
            Fault fault = Fault.of(kind)
                    .forEndpoint(endpoints[random.nextInt(endpoints.length)])
                    .delay(delay);
            if (random.nextBoolean()) {
                fault = fault.forPlayer(PLAYERS.get(random.nextInt(PLAYERS.size())));
            }
            admin.addFault(fault);
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        admin.clearFaults();
    }

    private void step(CurrencyGateway[] gateways) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        CurrencyGateway g = gateways[random.nextInt(2)];
        String openid = PLAYERS.get(random.nextInt(PLAYERS.size()));
        Environment env = random.nextInt(4) == 0 ? Environment.SANDBOX : Environment.PRODUCTION;
        Player player = Player.of(openid);
        Supplier<CallContext> ctx = () -> new CallContext(
                env,
                PlayerSession.of(openid, sessionKey(openid)),
                dev.midasbridge.core.gateway.Deadline.in(Duration.ofMillis(400)));
        String bill = "load-" + orders.incrementAndGet();
        switch (random.nextInt(5)) {
            case 0, 1 -> {
                long amount = 1 + random.nextInt(50);
                Deduction d = Deduction.of(player, amount, OrderNo.of(bill));
                if (untilDefinite(() -> g.deduct(d, ctx.get()), ErrorKind.DUPLICATE_ORDER)) {
                    expected.get(key(env, openid)).addAndGet(-amount);
                    paid.add(new Paid(env, openid, bill, amount));
                }
            }
            case 2 -> {
                long amount = 1 + random.nextInt(20);
                Grant grant = Grant.of(player, amount, OrderNo.of(bill));
                if (untilDefinite(() -> g.grant(grant, ctx.get()), ErrorKind.DUPLICATE_ORDER)) {
                    expected.get(key(env, openid)).addAndGet(amount);
                }
            }
            case 3 -> refund(g, random, bill);
            default -> {
                try {
                    requests.incrementAndGet();
                    g.balance(BalanceQuery.of(player), ctx.get());
                } catch (PaymentException e) {
                    // a fault or a timeout on a read changes nothing
                }
            }
        }
    }

    private void refund(CurrencyGateway g, ThreadLocalRandom random, String refundBill) {
        if (paid.isEmpty()) {
            return;
        }
        Paid p = paid.get(random.nextInt(paid.size()));
        Supplier<CallContext> context = () -> new CallContext(
                p.env,
                PlayerSession.of(p.openid, sessionKey(p.openid)),
                dev.midasbridge.core.gateway.Deadline.in(Duration.ofMillis(400)));
        Player player = Player.of(p.openid);
        long amount;
        Refund refund;
        ErrorKind appliedEarlier;
        if (g.version() == ApiVersion.MIDAS_V1) {
            if (!p.left.compareAndSet(p.amount, 0)) {
                return;
            }
            amount = p.amount;
            refund = Refund.whole(player, OrderNo.of(p.billNo));
            appliedEarlier = ErrorKind.ORDER_ALREADY_ROLLED_BACK;
        } else {
            long want = 1 + random.nextInt((int) Math.min(p.amount, 30));
            long left = p.left.get();
            if (left < want || !p.left.compareAndSet(left, left - want)) {
                return;
            }
            amount = want;
            refund = Refund.of(player, OrderNo.of(p.billNo), OrderNo.of(refundBill), want);
            appliedEarlier = ErrorKind.DUPLICATE_ORDER;
        }
        if (untilDefinite(() -> g.refund(refund, context.get()), appliedEarlier)) {
            expected.get(key(p.env, p.openid)).addAndGet(amount);
        } else {
            p.left.addAndGet(amount);
        }
    }

    /**
     * Calls until the outcome is definite, retrying the same order while it is unknown. True when the operation was
     * applied (now, or by an earlier attempt as {@code appliedEarlier} says); false when it was definitely refused.
     */
    private boolean untilDefinite(Runnable call, ErrorKind appliedEarlier) {
        boolean retried = false;
        for (int attempt = 0; attempt < 200; attempt++) {
            try {
                requests.incrementAndGet();
                call.run();
                applied.incrementAndGet();
                return true;
            } catch (PaymentException e) {
                if (e.outcomeUnknown() || e.kind() == ErrorKind.CONNECTION_FAILED) {
                    retried = true;
                    unknown.incrementAndGet();
                    continue;
                }
                if (retried && e.kind() == appliedEarlier) {
                    applied.incrementAndGet();
                    return true;
                }
                return false;
            }
        }
        throw new AssertionError("an operation stayed unknown after 200 attempts");
    }
}
