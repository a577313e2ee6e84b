package dev.midasbridge.cli.bridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.cli.demo.LedgerCheck;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.OrderKind;
import dev.midasbridge.engine.routing.RoutingPolicy;
import dev.midasbridge.simulator.Fault;
import dev.midasbridge.simulator.FaultKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * The bridge as a state machine against the stand-in server: random deductions, grants, refunds, retries of old
 * orders, routing changes, injected faults and reconciles. After every step: no order is applied twice, every
 * journal row agrees with the server's ledger, and every balance equals seed + grants - deductions + refunds.
 */
class BridgeActionChainProperties {
    private static final int PLAYERS = 3;
    private static final long SEED = 500;
    private static final Environment PROD = Environment.PRODUCTION;

    /** One run's world: the stack and a counter for fresh order numbers. */
    static final class World {
        final Stack stack = Stack.start(PLAYERS, SEED, new JournalSettings.InMemory(), Duration.ofMillis(300), 3, true);
        int next;

        World() {
            OPEN.set(this);
        }

        String fresh(String prefix) {
            return prefix + "-" + next++;
        }

        @Override
        public String toString() {
            return "World[" + next + " orders]";
        }
    }

    private static final ThreadLocal<World> OPEN = new ThreadLocal<>();

    @Property(tries = 25)
    void noOrderIsAppliedTwiceOrLost(@ForAll("chains") ActionChain<World> chain) {
        try {
            chain.withInvariant("ledger, journal and balances agree", BridgeActionChainProperties::check)
                    .run();
        } finally {
            World w = OPEN.get();
            if (w != null) {
                w.stack.close();
                OPEN.remove();
            }
        }
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.startWith(World::new)
                .withAction(4, new DeductAction())
                .withAction(2, new GrantAction())
                .withAction(2, new RefundAction())
                .withAction(2, new RetryAction())
                .withAction(1, new RouteAction())
                .withAction(3, new FaultAction())
                .withAction(
                        1,
                        Action.just(
                                "reconcile",
                                Transformer.mutate(
                                        "reconcile",
                                        w -> w.stack.bridge.reconcile(openid -> Optional.of(w.stack.session(openid))))))
                .withMaxTransformations(18);
    }

    private static Arbitrary<Integer> players() {
        return Arbitraries.integers().between(0, PLAYERS - 1);
    }

    private static Player player(int i) {
        return Player.of("player-" + i);
    }

    /** Runs a bridge call; a typed payment outcome (rejection, unknown, ...) is a normal result for the model. */
    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (PaymentException expected) {
            // The invariants decide whether the journal and the server still agree.
        }
    }

    static final class DeductAction implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(players(), Arbitraries.longs().between(1, 200))
                    .as((p, amount) -> Transformer.mutate(
                            "deduct " + amount + " from player-" + p,
                            w -> attempt(() -> w.stack.bridge.deduct(
                                    Deduction.of(player(p), amount, OrderNo.of(w.fresh("d"))),
                                    w.stack.session("player-" + p),
                                    PROD))));
        }
    }

    static final class GrantAction implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(players(), Arbitraries.longs().between(1, 100))
                    .as((p, amount) -> Transformer.mutate(
                            "grant " + amount + " to player-" + p,
                            w -> attempt(() -> w.stack.bridge.grant(
                                    Grant.of(player(p), amount, OrderNo.of(w.fresh("g"))),
                                    w.stack.session("player-" + p),
                                    PROD))));
        }
    }

    static final class RefundAction implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !applied(w, OrderKind.DEDUCT).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return Combinators.combine(
                            Arbitraries.of(applied(w, OrderKind.DEDUCT)),
                            Arbitraries.doubles().between(0.01, 1.0))
                    .as((d, share) -> {
                        long full = d.amount().getAsLong();
                        long amount = d.version() == ApiVersion.MIDAS_V1 ? full : Math.max(1, (long) (full * share));
                        return Transformer.mutate(
                                "refund " + amount + " of " + d.key().orderNo(),
                                world -> attempt(() -> world.stack.bridge.refund(
                                        Refund.of(
                                                d.key().player(),
                                                OrderNo.of(d.key().orderNo()),
                                                OrderNo.of(world.fresh("r")),
                                                amount),
                                        world.stack.session(d.key().openid()),
                                        PROD)));
                    });
        }
    }

    static final class RetryAction implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return w.stack.journal.list(1000).stream().anyMatch(e -> e.kind() == OrderKind.DEDUCT);
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            List<JournalEntry> deductions = w.stack.journal.list(1000).stream()
                    .filter(e -> e.kind() == OrderKind.DEDUCT)
                    .toList();
            return Arbitraries.of(deductions)
                    .map(d -> Transformer.mutate(
                            "deduct " + d.key().orderNo() + " again",
                            world -> attempt(() -> world.stack.bridge.deduct(
                                    Deduction.of(
                                            d.key().player(),
                                            d.amount().getAsLong(),
                                            OrderNo.of(d.key().orderNo())),
                                    world.stack.session(d.key().openid()),
                                    PROD))));
        }
    }

    static final class RouteAction implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.of(0, 30, 60, 100)
                    .map(pct -> Transformer.mutate(
                            pct + "% on pay_v2",
                            w -> w.stack.router.setPolicy(PROD, RoutingPolicy.percentOnPayV2(pct))));
        }
    }

    static final class FaultAction implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            Arbitrary<FaultKind> kinds = Arbitraries.frequency(
                    net.jqwik.api.Tuple.of(3, FaultKind.DROP_AFTER_APPLY),
                    net.jqwik.api.Tuple.of(2, FaultKind.BUSY),
                    net.jqwik.api.Tuple.of(2, FaultKind.DROP_BEFORE_APPLY),
                    net.jqwik.api.Tuple.of(1, FaultKind.HTTP_502),
                    net.jqwik.api.Tuple.of(1, FaultKind.NOT_JSON),
                    net.jqwik.api.Tuple.of(1, FaultKind.STALL_AFTER_APPLY));
            return Combinators.combine(
                            kinds,
                            Arbitraries.of("pay", "present", "cancelpay"),
                            Arbitraries.integers().between(1, 4))
                    .as((kind, endpoint, times) -> Transformer.mutate(
                            kind.wireName() + " x" + times + " on " + endpoint,
                            w -> w.stack
                                    .server
                                    .admin()
                                    .addFault(Fault.of(kind)
                                            .forEndpoint(endpoint)
                                            .times(times)
                                            .delay(Duration.ofMillis(450)))));
        }
    }

    private static List<JournalEntry> applied(World w, OrderKind kind) {
        return w.stack.journal.list(1000).stream()
                .filter(e -> e.kind() == kind && e.status() == dev.midasbridge.engine.journal.OrderStatus.APPLIED)
                .toList();
    }

    // --- the invariants: the same checks the demo prints --------------------------------------------------------

    static void check(World w) {
        List<String> openids = java.util.stream.IntStream.range(0, PLAYERS)
                .mapToObj(i -> "player-" + i)
                .toList();
        for (LedgerCheck.Result r : LedgerCheck.run(
                w.stack.server.admin().ledger(),
                w.stack.journal.list(10_000),
                PROD,
                openids,
                SEED,
                id -> w.stack
                        .server
                        .admin()
                        .balance(dev.midasbridge.simulator.Environment.PRODUCTION, id, "1")
                        .balance())) {
            assertTrue(r.held(), r.name() + ": " + r.problems());
        }
    }
}
