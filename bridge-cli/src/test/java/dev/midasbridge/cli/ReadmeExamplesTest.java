package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.midasbridge.app.BridgeModule;
import dev.midasbridge.app.BridgeSettings;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import dev.midasbridge.midas.v1.MidasV1;
import dev.midasbridge.midas.v1.MidasV1Api;
import dev.midasbridge.midas.v1.MidasV1Config;
import dev.midasbridge.midas.v1.MidasV1Module;
import dev.midasbridge.payv2.PayV2;
import dev.midasbridge.payv2.PayV2Api;
import dev.midasbridge.payv2.PayV2Config;
import dev.midasbridge.payv2.PayV2Module;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java examples, as written there, against the stand-in server's demo configuration. */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    private StandInServer server;
    private String baseUrl;
    private final SimulatorConfig demo = SimulatorConfig.demo();
    private final String openid = "demo-player-1";
    private final String sessionKeyFromLogin = "c2Vzc2lvbi1rZXktMQ==";

    @BeforeEach
    void start() {
        server = StandInServer.start(demo, StandInServer.Options.defaults().withPort(0));
        baseUrl = server.baseUrl();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiCredentials v1() {
        return ApiCredentials.midasV1(
                demo.midasV1().appId(),
                demo.midasV1().offerId(),
                dev.midasbridge.app.standin.StandInSettings.secret(
                        demo.midasV1().appKey()),
                dev.midasbridge.app.standin.StandInSettings.secret(
                        demo.midasV1().sandboxAppKey()));
    }

    private ApiCredentials v2() {
        return ApiCredentials.payV2(
                demo.payV2().offerId(),
                dev.midasbridge.app.standin.StandInSettings.secret(demo.payV2().appKey()),
                dev.midasbridge.app.standin.StandInSettings.secret(demo.payV2().sandboxAppKey()));
    }

    @Test
    void withoutGuice() {
        AccessTokenProvider tokens =
                AccessTokenProvider.fixed(demo.accessToken().reveal());
        CurrencyGateway payV2 =
                PayV2.create(PayV2Config.builder(v2()).baseUrl(baseUrl).build(), tokens);
        CurrencyGateway midasV1 =
                MidasV1.create(MidasV1Config.builder(v1()).baseUrl(baseUrl).build(), tokens);

        PlayerSession session = PlayerSession.of(openid, sessionKeyFromLogin);
        CallContext call = CallContext.production(session, Duration.ofSeconds(5));
        DeductionReceipt r = payV2.deduct(
                Deduction.of(Player.of(openid), 10, OrderNo.of("BillNo_123")).withItem("钻石"), call);
        assertEquals(990, r.balance());
        assertEquals(
                990,
                midasV1.balance(dev.midasbridge.core.operation.BalanceQuery.of(Player.of(openid)), call)
                        .balance(),
                "one account seen through both versions");
    }

    @Test
    void withGuice() {
        AccessTokenProvider tokens =
                AccessTokenProvider.fixed(demo.accessToken().reveal());
        Injector injector = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(AccessTokenProvider.class).toInstance(tokens);
                install(new MidasV1Module(
                        MidasV1Config.builder(v1()).baseUrl(baseUrl).build()));
                install(new PayV2Module(
                        PayV2Config.builder(v2()).baseUrl(baseUrl).build()));
            }
        });
        CurrencyGateway midasV1 = injector.getInstance(Key.get(CurrencyGateway.class, MidasV1Api.class));
        CurrencyGateway payV2 = injector.getInstance(Key.get(CurrencyGateway.class, PayV2Api.class));
        CallContext call = CallContext.production(PlayerSession.of(openid, sessionKeyFromLogin), Duration.ofSeconds(5));
        assertEquals(
                1000,
                midasV1.balance(dev.midasbridge.core.operation.BalanceQuery.of(Player.of(openid)), call)
                        .balance());
        assertEquals(
                1000,
                payV2.balance(dev.midasbridge.core.operation.BalanceQuery.of(Player.of(openid)), call)
                        .balance());
    }

    @Test
    void theBridge() {
        AccessTokenProvider tokens =
                AccessTokenProvider.fixed(demo.accessToken().reveal());
        Router router = Router.create(RoutingPolicy.percentOnPayV2(10));
        BridgeSettings settings = new BridgeSettings(
                MidasV1Config.builder(v1()).baseUrl(baseUrl).build(),
                PayV2Config.builder(v2()).baseUrl(baseUrl).build(),
                tokens,
                BridgeConfig.builder().router(router).build(),
                new JournalSettings.Embedded(dir.resolve("journal")));
        GameCurrency bridge = Guice.createInjector(new BridgeModule(settings)).getInstance(GameCurrency.class);

        PlayerSession session = PlayerSession.of(openid, sessionKeyFromLogin);
        DeductionReceipt r = bridge.deduct(
                Deduction.of(Player.of(openid), 10, OrderNo.of("BillNo_124")), session, Environment.PRODUCTION);
        router.setPolicy(Environment.PRODUCTION, RoutingPolicy.percentOnPayV2(50));
        assertEquals(990, r.balance());
        bridge.journal().close();
    }
}
