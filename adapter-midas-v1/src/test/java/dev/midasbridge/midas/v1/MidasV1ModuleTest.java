package dev.midasbridge.midas.v1;

import static dev.midasbridge.midas.v1.MidasV1Fixture.OPENID;
import static dev.midasbridge.midas.v1.MidasV1Fixture.TOKEN;
import static dev.midasbridge.midas.v1.MidasV1GatewayTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.player.Player;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

class MidasV1ModuleTest {
    @Test
    void bindsTheQualifiedGatewayAndAddsItToTheVersionMap() throws IOException {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            Injector injector =
                    Guice.createInjector(new MidasV1Module(MidasV1Fixture.config(server)), new AbstractModule() {
                        @Override
                        protected void configure() {
                            bind(AccessTokenProvider.class).toInstance(AccessTokenProvider.fixed(TOKEN));
                        }
                    });
            CurrencyGateway gateway = injector.getInstance(Key.get(CurrencyGateway.class, MidasV1Api.class));
            assertEquals(ApiVersion.MIDAS_V1, gateway.version());
            Map<ApiVersion, CurrencyGateway> byVersion =
                    injector.getInstance(Key.get(new TypeLiteral<Map<ApiVersion, CurrencyGateway>>() {}));
            assertSame(gateway, byVersion.get(ApiVersion.MIDAS_V1));
            assertSame(gateway, injector.getInstance(Key.get(CurrencyGateway.class, MidasV1Api.class)));

            server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\",\"balance\":1,\"gen_balance\":0,\"first_save\":1,"
                    + "\"save_amt\":0,\"save_sum\":0,\"cost_sum\":0,\"present_sum\":0}"));
            assertEquals(
                    1,
                    gateway.balance(
                                    BalanceQuery.of(Player.of(OPENID)),
                                    CallContext.production(MidasV1Fixture.session(), Duration.ofSeconds(5)))
                            .balance());
        }
    }

    @Test
    void theApplicationMustBindAnAccessTokenProvider() throws IOException {
        try (MockWebServer server = new MockWebServer()) {
            assertThrows(
                    CreationException.class,
                    () -> Guice.createInjector(new MidasV1Module(MidasV1Fixture.config(server))));
        }
    }
}
