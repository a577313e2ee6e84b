package dev.midasbridge.cli.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import dev.midasbridge.app.BridgeModule;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.ReLoginRequiredException;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.RetryPolicy;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import dev.midasbridge.simulator.LedgerEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A player logged in again, so the session_key the game passed is stale: with a session lookup the bridge fetches
 * the current key and calls once more (same order number, same version); the stand-in server deducts once.
 */
class StaleSessionOverStandInTest {
    private static final Environment PROD = Environment.PRODUCTION;
    private static final Player P0 = Player.of("player-0");

    @ParameterizedTest
    @EnumSource(ApiVersion.class)
    void aStaleSessionKeyIsReplacedFromTheLookupAndTheOrderDeductedOnce(ApiVersion version) {
        try (Stack stack = Stack.start(1, 1_000, new JournalSettings.InMemory(), Duration.ofSeconds(2), 3, false)) {
            PlayerSession stale = stack.session("player-0");
            PlayerSession fresh = PlayerSession.of("player-0", "fresh-key-after-login");
            stack.server
                    .admin()
                    .rotateSessionKey(
                            "player-0",
                            dev.midasbridge.simulator.Secret.of(
                                    fresh.sessionKey().reveal()));
            List<String> asked = new ArrayList<>();
            GameCurrency bridge = bridge(stack, version, openid -> {
                asked.add(openid);
                return Optional.of(fresh);
            });
            assertEquals(
                    900,
                    bridge.deduct(Deduction.of(P0, 100, OrderNo.of("b1")), stale, PROD)
                            .balance());
            assertEquals(List.of("player-0"), asked, "looked up once");
            List<LedgerEntry> ledger = stack.server.admin().ledger().stream()
                    .filter(e -> e.billNo().equals("b1"))
                    .toList();
            assertEquals(1, ledger.size(), "exactly one deduction");
            assertEquals(version.label(), ledger.get(0).version().label(), "on the same version");
            assertEquals(
                    900,
                    stack.server
                            .admin()
                            .balance(dev.midasbridge.simulator.Environment.PRODUCTION, "player-0", "1")
                            .balance());
        }
    }

    @ParameterizedTest
    @EnumSource(ApiVersion.class)
    void aWrongSessionKeyWithoutALookupGivesUpAtOnce(ApiVersion version) {
        try (Stack stack = Stack.start(1, 1_000, new JournalSettings.InMemory(), Duration.ofSeconds(2), 3, false)) {
            GameCurrency bridge = bridge(stack, version, null);
            assertThrows(
                    ReLoginRequiredException.class,
                    () -> bridge.deduct(
                            Deduction.of(P0, 100, OrderNo.of("b1")),
                            PlayerSession.of("player-0", "not-the-key"),
                            PROD));
            assertEquals(List.of(), stack.server.admin().ledger());
        }
    }

    private static GameCurrency bridge(Stack stack, ApiVersion version, dev.midasbridge.engine.SessionLookup lookup) {
        BridgeConfig.Builder config = BridgeConfig.builder()
                .router(Router.create(
                        version == ApiVersion.PAY_V2 ? RoutingPolicy.allPayV2() : RoutingPolicy.allMidasV1()))
                .callTimeout(Duration.ofSeconds(2))
                .retry(RetryPolicy.defaults().withoutSleeping().withMaxAttempts(3));
        if (lookup != null) {
            config.sessionLookup(lookup);
        }
        var injector = Guice.createInjector(new BridgeModule(
                Stack.settings(stack.server.baseUrl(), new JournalSettings.InMemory(), config.build())));
        return injector.getInstance(GameCurrency.class);
    }
}
