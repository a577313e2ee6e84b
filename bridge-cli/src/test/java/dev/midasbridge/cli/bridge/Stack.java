package dev.midasbridge.cli.bridge;

import com.google.inject.Guice;
import dev.midasbridge.app.BridgeModule;
import dev.midasbridge.app.BridgeSettings;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.app.standin.StandInSettings;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.RetryPolicy;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole thing on one machine: the stand-in server in-process, both real adapters over loopback HTTP, the bridge
 * wired by {@link BridgeModule}. For the bridge's end-to-end tests.
 */
final class Stack implements AutoCloseable {
    /** The keys, offer ids and token every stack's server uses (players are added per stack). */
    static final SimulatorConfig CONFIG = SimulatorConfig.of(
            dev.midasbridge.simulator.Secret.of("stack-access-token"),
            new SimulatorConfig.MidasV1Keys(
                    "wxstack",
                    "offer-v1",
                    dev.midasbridge.simulator.Secret.of("stack-v1-prod-key"),
                    dev.midasbridge.simulator.Secret.of("stack-v1-sandbox-key")),
            new SimulatorConfig.PayV2Keys(
                    "offer-v2",
                    dev.midasbridge.simulator.Secret.of("stack-v2-prod-key"),
                    dev.midasbridge.simulator.Secret.of("stack-v2-sandbox-key")),
            List.of(),
            List.of(),
            List.of());

    final StandInServer server;
    final GameCurrency bridge;
    final Journal journal;
    final Router router;
    final Map<String, PlayerSession> sessions = new LinkedHashMap<>();
    final long seedBalance;

    private Stack(StandInServer server, GameCurrency bridge, Journal journal, Router router, long seedBalance) {
        this.server = server;
        this.bridge = bridge;
        this.journal = journal;
        this.router = router;
        this.seedBalance = seedBalance;
    }

    /** {@code players} players with {@code balance} coins each (no present coins), everyone on midas 1.0 at first. */
    static Stack start(
            int players,
            long balance,
            JournalSettings journal,
            Duration callTimeout,
            int maxAttempts,
            boolean shadowReads) {
        List<SimulatorConfig.PlayerSeed> seeds = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            seeds.add(new SimulatorConfig.PlayerSeed(
                    "player-" + i, dev.midasbridge.simulator.Secret.of("session-key-" + i), "1", balance, 0));
        }
        SimulatorConfig config =
                SimulatorConfig.of(CONFIG.accessToken(), CONFIG.midasV1(), CONFIG.payV2(), seeds, List.of(), List.of());
        StandInServer server = StandInServer.start(
                config, StandInServer.Options.defaults().withPort(0).withAdmin(true));
        Router router = Router.create(RoutingPolicy.allMidasV1());
        BridgeSettings settings = settings(
                server.baseUrl(),
                journal,
                BridgeConfig.builder()
                        .router(router)
                        .callTimeout(callTimeout)
                        .shadowReads(shadowReads)
                        .retry(RetryPolicy.defaults().withoutSleeping().withMaxAttempts(maxAttempts))
                        .build());
        var injector = Guice.createInjector(new BridgeModule(settings));
        Stack stack = new Stack(
                server, injector.getInstance(GameCurrency.class), injector.getInstance(Journal.class), router, balance);
        for (SimulatorConfig.PlayerSeed p : seeds) {
            stack.sessions.put(
                    p.openid(),
                    new PlayerSession(p.openid(), dev.midasbridge.app.standin.StandInSettings.secret(p.sessionKey())));
        }
        return stack;
    }

    /** Settings for a bridge (in this JVM or another) calling the stack's server at {@code baseUrl}. */
    static BridgeSettings settings(String baseUrl, JournalSettings journal, BridgeConfig bridge) {
        return StandInSettings.of(baseUrl, CONFIG, journal, bridge);
    }

    PlayerSession session(String openid) {
        return Optional.ofNullable(sessions.get(openid)).orElseThrow();
    }

    @Override
    public void close() {
        journal.close();
        server.close();
    }
}
