package dev.midasbridge.midas.v1;

import static dev.midasbridge.midas.v1.MidasV1Fixture.APP_KEY;
import static dev.midasbridge.midas.v1.MidasV1Fixture.OPENID;
import static dev.midasbridge.midas.v1.MidasV1Fixture.SANDBOX_APP_KEY;
import static dev.midasbridge.midas.v1.MidasV1Fixture.SESSION_KEY;
import static dev.midasbridge.midas.v1.MidasV1Fixture.TOKEN;
import static dev.midasbridge.midas.v1.MidasV1Fixture.TOKEN_2;
import static dev.midasbridge.midas.v1.MidasV1GatewayTest.json;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.adapter.support.testing.RotatingTokens;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.gateway.Deadline;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

/** No AppKey, session_key or access token in any exception message, toString or log line. */
class MidasV1SecretsTest {
    private static final List<String> SECRETS = List.of(APP_KEY, SANDBOX_APP_KEY, SESSION_KEY, TOKEN, TOKEN_2);

    @Test
    void noSecretInExceptionsToStringsOrLogs() throws IOException {
        List<Object> seen = new ArrayList<>();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            MidasV1Config config = MidasV1Fixture.config(server);
            CurrencyGateway gateway = MidasV1.create(config, new RotatingTokens(TOKEN, TOKEN_2));
            seen.add(config);
            seen.add(gateway);
            seen.add(config.credentials());
            Player player = Player.of(OPENID);
            for (Environment env : Environment.values()) {
                CallContext ctx = new CallContext(env, MidasV1Fixture.session(), Deadline.in(Duration.ofMillis(400)));
                seen.add(ctx);
                for (MockResponse answer : List.of(
                        json("{\"errcode\":90009,\"errmsg\":\"mp_sig error\"}"),
                        json("{\"errcode\":-1,\"errmsg\":\"1021-1021-0\"}"),
                        new MockResponse().setResponseCode(502),
                        json("not json"),
                        json("{\"errcode\":0}"),
                        new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE),
                        new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST))) {
                    server.enqueue(answer);
                    seen.add(assertThrows(
                            PaymentException.class,
                            () -> gateway.deduct(Deduction.of(player, 5, OrderNo.of("B1")), ctx)));
                }
                server.enqueue(json("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
                server.enqueue(json("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}"));
                seen.add(assertThrows(PaymentException.class, () -> gateway.balance(BalanceQuery.of(player), ctx)));
            }
            int port;
            try (ServerSocket closed = new ServerSocket(0)) {
                port = closed.getLocalPort();
            }
            CurrencyGateway refused = MidasV1.create(
                    MidasV1Config.builder(MidasV1Fixture.credentials())
                            .baseUrl("http://127.0.0.1:" + port)
                            .build(),
                    new RotatingTokens(TOKEN));
            seen.add(assertThrows(
                    PaymentException.class,
                    () -> refused.balance(
                            BalanceQuery.of(player),
                            CallContext.production(MidasV1Fixture.session(), Duration.ofSeconds(2)))));
        } finally {
            System.setErr(originalErr);
        }

        for (Object o : seen) {
            for (String text : texts(o)) {
                for (String secret : SECRETS) {
                    assertFalse(text.contains(secret), "a secret leaked into: " + text.replace(secret, "<SECRET>"));
                }
            }
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("midas_v1"), "the adapter logs its calls at debug");
        for (String secret : SECRETS) {
            assertFalse(logged.contains(secret), "a secret leaked into the log");
        }
    }

    private static List<String> texts(Object o) {
        List<String> texts = new ArrayList<>();
        texts.add(String.valueOf(o));
        for (Throwable t = o instanceof Throwable th ? th : null; t != null; t = t.getCause()) {
            texts.add(String.valueOf(t.getMessage()));
            texts.add(t.toString());
            for (Throwable s : t.getSuppressed()) {
                texts.add(s.toString());
            }
        }
        return texts;
    }
}
