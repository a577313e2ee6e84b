package dev.midasbridge.cli.bridge;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.midasbridge.app.BridgeModule;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.PaymentException;
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
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.ReconcileReport;
import dev.midasbridge.engine.RetryPolicy;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The game server of the crash test, run as its own JVM: {@code batch BASE_URL JOURNAL N [ORDER KILL_POINT]} deducts
 * orders {@code crash-0 .. crash-(N-1)} (10 coins each, player i % 4, half of them routed to pay_v2), printing
 * {@code done ORDER} or {@code failed ORDER KIND} after each. With a kill point, when the deduction of ORDER reaches
 * that point it prints {@code kill-point ORDER POINT} and waits there (or, for IN_FLIGHT, right after the request is
 * on its way) to be killed. {@code reconcile BASE_URL JOURNAL} resumes every unresolved order and prints the report.
 */
public final class CrashWorker {
    /** Where in the deduction of the chosen order the process is killed. */
    enum KillPoint {
        /** Nothing sent, so nothing journaled (the intent goes with the first attempt): the batch's re-run sends it. */
        BEFORE_SEND,
        /** As BEFORE_SEND, and meanwhile the order number is used outside the bridge: the re-run must see a duplicate. */
        TAKEN_ELSEWHERE,
        /** The attempt is journaled as sent, the request not yet written. */
        AFTER_MARK,
        /** The server has applied it and is still answering (a stall past the timeout). */
        IN_FLIGHT,
        /** The server's success came back, not yet journaled. */
        AFTER_ANSWER,
        /** The first attempt's connection dropped after applying; killed before the second attempt is sent. */
        SECOND_ATTEMPT
    }

    static final long AMOUNT = 10;

    private CrashWorker() {}

    public static void main(String[] args) {
        String mode = args[0];
        String baseUrl = args[1];
        Path journalFile = Path.of(args[2]);
        String killOrder = args.length > 5 ? args[4] : null;
        KillPoint killPoint = args.length > 5 ? KillPoint.valueOf(args[5]) : null;
        Injector injector = injector(baseUrl, journalFile);
        try (Journal journal = injector.getInstance(Journal.class)) {
            GameCurrency bridge = bridge(injector, journal, killOrder, killPoint);
            if (mode.equals("reconcile")) {
                ReconcileReport r = bridge.reconcile(openid -> Optional.of(session(openid)));
                System.out.println("reconciled applied=" + r.applied() + " notApplied=" + r.notApplied() + " unknown="
                        + r.stillUnknown() + " skipped=" + r.skipped() + " neverSent=" + r.neverSent());
                return;
            }
            int n = Integer.parseInt(args[3]);
            for (int i = 0; i < n; i++) {
                String openid = player(i);
                String order = "crash-" + i;
                try {
                    bridge.deduct(
                            Deduction.of(Player.of(openid), AMOUNT, OrderNo.of(order)),
                            session(openid),
                            Environment.PRODUCTION);
                    System.out.println("done " + order);
                } catch (PaymentException e) {
                    System.out.println("failed " + order + " " + e.kind());
                }
                System.out.flush();
            }
        }
    }

    static String player(int order) {
        return "player-" + (order % 4);
    }

    static PlayerSession session(String openid) {
        return PlayerSession.of(openid, "session-key-" + openid.substring("player-".length()));
    }

    /** The bridge configuration every process of the test uses. */
    static BridgeConfig config() {
        return BridgeConfig.builder()
                .router(Router.create(RoutingPolicy.percentOnPayV2(50)))
                .callTimeout(Duration.ofMillis(400))
                .retry(new RetryPolicy(
                        5,
                        Duration.ofMillis(10),
                        Duration.ofMillis(50),
                        Duration.ofSeconds(20),
                        dev.midasbridge.engine.Sleeper.REAL))
                .build();
    }

    /** Both real adapters and the embedded journal at {@code journalFile}, as a game server wires them. */
    static Injector injector(String baseUrl, Path journalFile) {
        return Guice.createInjector(
                new BridgeModule(Stack.settings(baseUrl, new JournalSettings.Embedded(journalFile), config())));
    }

    /** The real adapters by version. */
    static Map<ApiVersion, CurrencyGateway> gateways(Injector injector) {
        return injector.getInstance(Key.get(new TypeLiteral<Map<ApiVersion, CurrencyGateway>>() {}));
    }

    /** The bridge over the real adapters, each behind a {@link Sending} gateway (kill point optional). */
    static GameCurrency bridge(Injector injector, Journal journal, String killOrder, KillPoint killPoint) {
        Map<ApiVersion, CurrencyGateway> wrapped = new EnumMap<>(ApiVersion.class);
        gateways(injector).forEach((v, g) -> wrapped.put(v, new Sending(g, killOrder, killPoint)));
        return GameCurrency.create(wrapped, journal, config());
    }

    /**
     * Hands each call to the real adapter (which calls {@link CallContext#beforeSend()} just before it sends), and
     * stops the process at the kill point; for {@code AFTER_MARK} it calls {@code beforeSend()} itself, so the attempt
     * is journaled as sent and the process dies before the request is written.
     */
    static final class Sending implements CurrencyGateway {
        private final CurrencyGateway real;
        private final String killOrder;
        private final KillPoint killPoint;
        private final AtomicInteger killOrderCalls = new AtomicInteger();

        Sending(CurrencyGateway real, String killOrder, KillPoint killPoint) {
            this.real = real;
            this.killOrder = killOrder;
            this.killPoint = killPoint;
        }

        @Override
        public ApiVersion version() {
            return real.version();
        }

        @Override
        public DeductionReceipt deduct(Deduction d, CallContext c) {
            if (killPoint == null || !d.orderNo().value().equals(killOrder)) {
                return real.deduct(d, c);
            }
            int call = killOrderCalls.incrementAndGet();
            if (call == 1 && (killPoint == KillPoint.BEFORE_SEND || killPoint == KillPoint.TAKEN_ELSEWHERE)
                    || call == 2 && killPoint == KillPoint.SECOND_ATTEMPT) {
                stop(d);
            }
            if (killPoint == KillPoint.AFTER_MARK) {
                c.beforeSend(); // the attempt is journaled as sent; the process dies before the request is written
                stop(d);
            }
            if (killPoint == KillPoint.IN_FLIGHT) {
                announce(d);
                try {
                    real.deduct(d, c);
                } finally {
                    waitToBeKilled();
                }
            }
            DeductionReceipt r = real.deduct(d, c);
            if (killPoint == KillPoint.AFTER_ANSWER) {
                stop(d);
            }
            return r;
        }

        private void stop(Deduction d) {
            announce(d);
            waitToBeKilled();
        }

        private void announce(Deduction d) {
            System.out.println("kill-point " + d.orderNo().value() + " " + killPoint);
            System.out.flush();
        }

        private static void waitToBeKilled() {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public Balance balance(BalanceQuery q, CallContext c) {
            return real.balance(q, c);
        }

        @Override
        public GrantReceipt grant(Grant g, CallContext c) {
            return real.grant(g, c);
        }

        @Override
        public RefundReceipt refund(Refund r, CallContext c) {
            return real.refund(r, c);
        }

        @Override
        public OrderInfo queryOrder(OrderQuery q, CallContext c) {
            return real.queryOrder(q, c);
        }
    }
}
