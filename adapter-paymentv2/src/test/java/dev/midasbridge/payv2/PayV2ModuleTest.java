package dev.midasbridge.payv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.player.Player;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

class PayV2ModuleTest {

    @Test
    void bindsOneQualifiedGatewayAlsoInTheVersionMapUsingTheApplicationsTokens() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            Injector injector = Guice.createInjector(
                    new PayV2Module(Fixture.config(server.url("/").toString())), new AbstractModule() {
                        @Override
                        protected void configure() {
                            bind(AccessTokenProvider.class).toInstance(AccessTokenProvider.fixed(Fixture.TOKEN));
                        }
                    });
            CurrencyGateway qualified = injector.getInstance(Key.get(CurrencyGateway.class, PayV2Api.class));
            Map<ApiVersion, CurrencyGateway> byVersion =
                    injector.getInstance(Key.get(new TypeLiteral<Map<ApiVersion, CurrencyGateway>>() {}));
            assertEquals(ApiVersion.PAY_V2, qualified.version());
            assertSame(qualified, byVersion.get(ApiVersion.PAY_V2));
            assertSame(qualified, injector.getInstance(Key.get(CurrencyGateway.class, PayV2Api.class)));

            server.enqueue(new MockResponse().setBody("{\"errcode\":0,\"errmsg\":\"ok\",\"balance\":4}"));
            Balance b = byVersion
                    .get(ApiVersion.PAY_V2)
                    .balance(BalanceQuery.of(Player.of(Fixture.OPENID)), Fixture.context(Environment.PRODUCTION));
            assertEquals(4, b.balance());
            assertEquals(
                    Fixture.TOKEN,
                    server.takeRequest(1, TimeUnit.SECONDS).getRequestUrl().queryParameter("access_token"));
        }
    }
}
