package dev.midasbridge.gateway;

import dev.midasbridge.app.BridgeSettings;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.app.standin.StandInSettings;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.RetryPolicy;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import dev.midasbridge.simulator.Secret;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-process stand-in server behind {@code bridge gateway --standin}, and the demo world a client in any
 * language needs to sign requests to the gateway. The only class of the gateway that uses the simulator module
 * (its public entry points {@code StandInServer.start}, {@code baseUrl()} and {@code SimulatorConfig}).
 */
public final class StandIn implements AutoCloseable {
    /**
     * The app secret of the demo world ({@code simulator-demo.json}), also given to a world configured without one:
     * the stand-in checks it on {@code /sns/jscode2session} and {@code /cgi-bin/stable_token}.
     */
    public static final String DEMO_APP_SECRET = "demo-app-secret";

    private final SimulatorConfig config;
    private final StandInServer server;

    private StandIn(SimulatorConfig config, StandInServer server) {
        this.config = config;
        this.server = server;
    }

    /** Starts the stand-in with the demo world ({@code SimulatorConfig.demo()}) on a free loopback port. */
    public static StandIn startDemo() {
        return start(SimulatorConfig.demo());
    }

    /**
     * Starts the stand-in holding {@code config}'s world on a free loopback port; a world without an app secret gets
     * {@link #DEMO_APP_SECRET}, so that the world JSON's {@code app_secret} is always accepted.
     */
    public static StandIn start(SimulatorConfig config) {
        SimulatorConfig c = config.appSecret().isPresent() ? config : config.withAppSecret(Secret.of(DEMO_APP_SECRET));
        return new StandIn(c, StandInServer.start(c, StandInServer.Options.defaults()));
    }

    /** The demo world with {@code extra} more players (openid {@code demo-player-<n>}), for tests that need many. */
    public static SimulatorConfig demoWith(int extra) {
        return demoWith(extra, 1000);
    }

    /** As {@link #demoWith(int)}, the extra players starting with {@code balance} coins (benchmarks need many). */
    public static SimulatorConfig demoWith(int extra, long balance) {
        SimulatorConfig demo = SimulatorConfig.demo();
        List<SimulatorConfig.PlayerSeed> players = new ArrayList<>(demo.players());
        for (int i = 0; i < extra; i++) {
            int n = demo.players().size() + 1 + i;
            players.add(new SimulatorConfig.PlayerSeed(
                    "demo-player-" + n, Secret.of("session-key-" + n + "-demo"), "1", balance, 100));
        }
        SimulatorConfig c = SimulatorConfig.of(
                        demo.accessToken(), demo.midasV1(), demo.payV2(), players, demo.orders(), List.of())
                .withJsCodeOnce(demo.jsCodeOnce());
        return demo.appSecret().map(c::withAppSecret).orElse(c);
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /**
     * Bridge settings calling this stand-in, {@code payV2Percent}% of players on pay_v2, journaling into
     * {@code journal}; retries quick enough for a demo (4 attempts within 3 s).
     */
    public BridgeSettings bridgeSettings(int payV2Percent, JournalSettings journal) {
        BridgeConfig bridge = BridgeConfig.builder()
                .router(Router.create(RoutingPolicy.percentOnPayV2(payV2Percent)))
                .callTimeout(Duration.ofSeconds(2))
                .retry(new RetryPolicy(
                        4,
                        Duration.ofMillis(50),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(3),
                        RetryPolicy.defaults().sleeper()))
                .legacyOrderPrefix("L")
                .build();
        return StandInSettings.of(server.baseUrl(), config, journal, bridge);
    }

    /** Every player's openid and session key, to import into the gateway's session store. */
    public Map<String, String> sessionKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        for (SimulatorConfig.PlayerSeed p : config.players()) {
            m.put(p.openid(), p.sessionKey().reveal());
        }
        return m;
    }

    /**
     * The default {@code js_code} of a player ({@code jscode-<openid>}): the stand-in's {@code /sns/jscode2session}
     * answers it (with this world's appid and app secret) with that player's openid and current session_key, unless
     * the configuration names another code for the player ({@code players[].js_code}).
     */
    public static String jsCode(String openid) {
        return SimulatorConfig.defaultJsCode(openid);
    }

    /**
     * The demo world as JSON for clients in any language (snake_case keys): {@code gateway_url}, {@code appid},
     * {@code app_secret}, {@code access_token}, {@code midas_v1} and {@code pay_v2} ({@code offer_id},
     * {@code app_key}, {@code sandbox_app_key}), and {@code players} ({@code openid}, {@code session_key},
     * {@code js_code}, {@code zone_id}, {@code balance}, {@code present_balance}).
     */
    public String worldJson(String gatewayUrl) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("gateway_url", gatewayUrl);
        w.put("appid", config.midasV1().appId());
        w.put("app_secret", config.appSecret().orElseThrow().reveal());
        w.put("access_token", config.accessToken().reveal());
        Map<String, Object> v1 = new LinkedHashMap<>();
        v1.put("offer_id", config.midasV1().offerId());
        v1.put("app_key", config.midasV1().appKey().reveal());
        v1.put("sandbox_app_key", config.midasV1().sandboxAppKey().reveal());
        w.put("midas_v1", v1);
        Map<String, Object> v2 = new LinkedHashMap<>();
        v2.put("offer_id", config.payV2().offerId());
        v2.put("app_key", config.payV2().appKey().reveal());
        v2.put("sandbox_app_key", config.payV2().sandboxAppKey().reveal());
        w.put("pay_v2", v2);
        List<Object> players = new ArrayList<>();
        for (SimulatorConfig.PlayerSeed p : config.players()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("openid", p.openid());
            m.put("session_key", p.sessionKey().reveal());
            m.put("js_code", p.jsCode());
            m.put("zone_id", p.zoneId());
            m.put("balance", p.balance());
            m.put("present_balance", p.presentBalance());
            players.add(m);
        }
        w.put("players", players);
        return StrictJson.write(w);
    }

    /**
     * From now on, every call for order {@code billNo} is applied and then the connection dropped without an answer
     * (the outcome-unknown case), until {@link #clearFaults()}.
     */
    public void dropAnswersAfterApplying(String billNo) {
        server.admin()
                .addFault(dev.midasbridge.simulator.Fault.of(dev.midasbridge.simulator.FaultKind.DROP_AFTER_APPLY)
                        .forOrder(billNo)
                        .times(dev.midasbridge.simulator.Fault.UNLIMITED));
    }

    /** Every call to {@code endpoint} waits {@code delay} before it is handled, until {@link #clearFaults()}. */
    public void delay(String endpoint, Duration delay) {
        server.admin()
                .addFault(dev.midasbridge.simulator.Fault.of(dev.midasbridge.simulator.FaultKind.LATENCY)
                        .forEndpoint(endpoint)
                        .delay(delay)
                        .times(dev.midasbridge.simulator.Fault.UNLIMITED));
    }

    /** The next call to {@code endpoint} answers {@code errcode} without applying anything. */
    public void answerOnce(String endpoint, int errcode) {
        server.admin()
                .addFault(dev.midasbridge.simulator.Fault.of(dev.midasbridge.simulator.FaultKind.ERRCODE)
                        .forEndpoint(endpoint)
                        .errcode(errcode)
                        .times(1));
    }

    public void clearFaults() {
        server.admin().clearFaults();
    }

    /** The player's production balance as the stand-in's ledger has it (zone "1"). */
    public long balance(String openid) {
        return server.admin()
                .balance(dev.midasbridge.simulator.Environment.PRODUCTION, openid, "1")
                .balance();
    }

    @Override
    public void close() {
        server.close();
    }
}
