package dev.midasbridge.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.OutcomeUnknownException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.error.RejectedException;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.OrderInfo;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.operation.RefundReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.journal.OrderStatus;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two bridges (two processes of a fleet) on one journal receive the same order at once: A journals attempt 1, B
 * attempt 2, and B's request reaches the server first, so A is answered 90012. That answer is our own journal's
 * success, not someone else's order: A reports it as applied once B's attempt says so, a duplicate only if B's attempt
 * was not applied, and an unknown outcome if B's attempt is still unresolved at A's deadline. Deterministic: the
 * order of events is forced with latches, not left to timing. Run on every journal implementation.
 */
public abstract class ConcurrentAttemptsContract {
    private static final Player ALICE = Player.of("alice");
    private static final PlayerSession SESSION = PlayerSession.of("alice", "session-key");
    private static final Environment PROD = Environment.PRODUCTION;
    private static final long WAIT_S = 10;

    private WeChatModel wechat;
    private Journal journalA;
    private Journal journalB;
    private Hooked gatewayA;
    private Hooked gatewayB;
    private ExecutorService pool;
    /** Run the first time A waits for the journal (A's sleeper), then A really sleeps. */
    private volatile Runnable onFirstWait = () -> {};

    private final AtomicInteger waitsOfA = new AtomicInteger();

    /** A journal (the first process's handle). */
    protected abstract Journal openJournal();

    /** The second process's handle on the same journal; the same object unless the journal has handles. */
    protected Journal openSecondHandle(Journal first) {
        return first;
    }

    @BeforeEach
    protected void setUp() {
        wechat = new WeChatModel();
        wechat.balances.put("alice", 1_000L);
        journalA = openJournal();
        journalB = openSecondHandle(journalA);
        gatewayA = new Hooked(wechat.gateway(ApiVersion.MIDAS_V1));
        gatewayB = new Hooked(wechat.gateway(ApiVersion.MIDAS_V1));
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    protected void tearDown() {
        pool.shutdownNow();
        if (journalB != journalA) {
            journalB.close();
        }
        journalA.close();
    }

    private GameCurrency bridgeA(Duration callTimeout) {
        Sleeper sleeper = d -> {
            if (waitsOfA.getAndIncrement() == 0) {
                onFirstWait.run();
            }
            Sleeper.REAL.sleep(d);
        };
        return GameCurrency.create(
                Map.of(ApiVersion.MIDAS_V1, gatewayA),
                journalA,
                BridgeConfig.builder()
                        .router(Router.create(RoutingPolicy.allMidasV1()))
                        .callTimeout(callTimeout)
                        .retry(new RetryPolicy(
                                1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5), sleeper))
                        .build());
    }

    private GameCurrency bridgeB() {
        return GameCurrency.create(
                Map.of(ApiVersion.MIDAS_V1, gatewayB),
                journalB,
                BridgeConfig.builder()
                        .router(Router.create(RoutingPolicy.allMidasV1()))
                        .retry(RetryPolicy.defaults().withoutSleeping())
                        .build());
    }

    private static Deduction order() {
        return Deduction.of(ALICE, 100, OrderNo.of("race-1"));
    }

    private JournalEntry row() {
        return journalA.find(JournalKey.of(PROD, ALICE, "race-1")).orElseThrow();
    }

    /**
     * When A's attempt 1 is journaled as sent (before its request reaches the server): B takes the same order,
     * journals attempt 2 and its request reaches the server; A goes on once B's request was handled there.
     */
    private CompletableFuture<DeductionReceipt> bOvertakesA(GameCurrency b) {
        CountDownLatch bAtServer = new CountDownLatch(1);
        CompletableFuture<DeductionReceipt> result = new CompletableFuture<>();
        gatewayB.handled = bAtServer::countDown;
        gatewayA.sent = () -> {
            assertEquals(1, row().attempts(), "A's attempt is the first");
            pool.submit(() -> {
                try {
                    result.complete(b.deduct(order(), SESSION, PROD));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
            await(bAtServer);
        };
        return result;
    }

    @Test
    void a90012WhileOurConcurrentAttemptAppliesTheOrderIsOurSuccessWithTheSameReceipt() throws Exception {
        GameCurrency a = bridgeA(Duration.ofSeconds(WAIT_S));
        CountDownLatch bMayAnswer = new CountDownLatch(1);
        gatewayB.beforeAnswer = () -> await(bMayAnswer);
        onFirstWait = bMayAnswer::countDown; // B's answer arrives only once A is waiting for it
        CompletableFuture<DeductionReceipt> b = bOvertakesA(bridgeB());

        DeductionReceipt receiptA = a.deduct(order(), SESSION, PROD);
        DeductionReceipt receiptB = b.get(WAIT_S, TimeUnit.SECONDS);

        assertTrue(waitsOfA.get() > 0, "A waited for B's attempt");
        assertEquals(receiptB, receiptA, "A answers what B's attempt journaled");
        assertEquals(900, receiptA.balance());
        assertEquals(900, wechat.balance("alice"), "deducted once");
        assertEquals(OrderStatus.APPLIED, row().status());
        assertEquals(2, row().attempts());
        assertTrue(
                journalA.history(row().key()).stream()
                        .anyMatch(e -> e.text()
                                .equals("attempt 1: 90012 after a"
                                        + " concurrent attempt of ours (attempt 2) applied the order: applied")),
                "the journal says why");
        assertEquals(receiptA, a.deduct(order(), SESSION, PROD), "a retry answers the same from the journal");
    }

    @Test
    void a90012AfterOurConcurrentAttemptAlreadyAppliedItIsOurSuccessWithoutWaiting() throws Exception {
        GameCurrency a = bridgeA(Duration.ofSeconds(WAIT_S));
        CompletableFuture<DeductionReceipt> b = bOvertakesA(bridgeB());
        gatewayA.sent = chain(gatewayA.sent, () -> {
            try {
                b.get(WAIT_S, TimeUnit.SECONDS); // B's whole call ends before A's request reaches the server
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        DeductionReceipt receiptA = a.deduct(order(), SESSION, PROD);

        assertEquals(b.get(), receiptA);
        assertEquals(0, waitsOfA.get(), "nothing to wait for: the journal already says APPLIED");
        assertEquals(900, wechat.balance("alice"));
        assertEquals(OrderStatus.APPLIED, row().status());
    }

    @Test
    void a90012WhenOurConcurrentAttemptEndsRejectedIsADuplicate() throws Exception {
        wechat.applied.put("race-1", -5L); // someone else used the order number
        GameCurrency a = bridgeA(Duration.ofSeconds(WAIT_S));
        CountDownLatch bMayAnswer = new CountDownLatch(1);
        gatewayB.rejection = PaymentException.of(
                ErrorKind.INSUFFICIENT_BALANCE, ApiVersion.MIDAS_V1, 90013, "balance not enough", null, null);
        gatewayB.beforeAnswer = () -> await(bMayAnswer);
        onFirstWait = bMayAnswer::countDown;
        CompletableFuture<DeductionReceipt> b = bOvertakesA(bridgeB());

        RejectedException e = assertThrows(RejectedException.class, () -> a.deduct(order(), SESSION, PROD));

        assertEquals(ErrorKind.DUPLICATE_ORDER, e.kind());
        assertTrue(waitsOfA.get() > 0, "A waited for B's attempt");
        java.util.concurrent.ExecutionException be =
                assertThrows(java.util.concurrent.ExecutionException.class, () -> b.get(WAIT_S, TimeUnit.SECONDS));
        assertEquals(ErrorKind.INSUFFICIENT_BALANCE, ((PaymentException) be.getCause()).kind());
        assertEquals(OrderStatus.REJECTED, row().status());
        assertEquals(1_000, wechat.balance("alice"));
    }

    @Test
    void a90012WhileOurConcurrentAttemptStaysUnresolvedIsAnUnknownOutcomeNeverADuplicate() throws Exception {
        GameCurrency a = bridgeA(Duration.ofMillis(400));
        CountDownLatch bMayAnswer = new CountDownLatch(1);
        gatewayB.beforeAnswer = () -> await(bMayAnswer);
        CompletableFuture<DeductionReceipt> b = bOvertakesA(bridgeB());

        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> a.deduct(order(), SESSION, PROD));

        assertTrue(e.getMessage().contains("UNKNOWN"), e.getMessage());
        assertTrue(waitsOfA.get() > 0, "A waited for B's attempt until its deadline");
        assertEquals(OrderStatus.UNKNOWN, row().status());
        assertTrue(row().maybeApplied());
        bMayAnswer.countDown();
        DeductionReceipt receiptB = b.get(WAIT_S, TimeUnit.SECONDS);
        assertEquals(OrderStatus.APPLIED, row().status(), "B's answer resolves the order");
        assertEquals(receiptB, a.deduct(order(), SESSION, PROD), "A's retry answers the journaled success");
        assertEquals(900, wechat.balance("alice"), "deducted once");
    }

    private static Runnable chain(Runnable first, Runnable then) {
        return () -> {
            first.run();
            then.run();
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_S, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for the other process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A gateway whose deductions can be held at three points: once the attempt is journaled as sent ({@code sent}),
     * once the server handled the request ({@code handled}), and before the answer returns ({@code beforeAnswer});
     * {@code rejection}, when set, is the server's answer instead of the model's.
     */
    private static final class Hooked implements CurrencyGateway {
        private final CurrencyGateway delegate;
        volatile Runnable sent = () -> {};
        volatile Runnable handled = () -> {};
        volatile Runnable beforeAnswer = () -> {};
        volatile PaymentException rejection;

        Hooked(CurrencyGateway delegate) {
            this.delegate = delegate;
        }

        @Override
        public ApiVersion version() {
            return delegate.version();
        }

        @Override
        public DeductionReceipt deduct(Deduction deduction, CallContext context) {
            context.beforeSend();
            sent.run();
            if (rejection != null) {
                handled.run();
                beforeAnswer.run();
                throw rejection;
            }
            DeductionReceipt r;
            try {
                r = delegate.deduct(deduction, context);
            } finally {
                handled.run();
            }
            beforeAnswer.run();
            return r;
        }

        @Override
        public Balance balance(BalanceQuery query, CallContext context) {
            return delegate.balance(query, context);
        }

        @Override
        public RefundReceipt refund(Refund refund, CallContext context) {
            return delegate.refund(refund, context);
        }

        @Override
        public GrantReceipt grant(Grant grant, CallContext context) {
            return delegate.grant(grant, context);
        }

        @Override
        public OrderInfo queryOrder(OrderQuery query, CallContext context) {
            return delegate.queryOrder(query, context);
        }
    }
}
