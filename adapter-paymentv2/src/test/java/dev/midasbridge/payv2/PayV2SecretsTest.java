package dev.midasbridge.payv2;

import static dev.midasbridge.payv2.Fixture.OPENID;
import static dev.midasbridge.payv2.Fixture.SECRETS;
import static dev.midasbridge.payv2.Fixture.TOKEN;
import static dev.midasbridge.payv2.Fixture.TOKEN_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.adapter.support.testing.RotatingTokens;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.gateway.Deadline;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** No AppKey, session_key or access token in any exception, toString() or log line. */
class PayV2SecretsTest {
    private static final Deduction PAY =
            Deduction.of(Player.of(OPENID), 3, OrderNo.of("pay-9")).withItem("钻石");

    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static MockResponse json(String body) {
        return new MockResponse().setBody(body);
    }

    private static void assertNoSecret(String where, String text) {
        for (String secret : SECRETS) {
            assertFalse(text != null && text.contains(secret), where + " reveals a secret: " + text);
        }
        assertFalse(text != null && text.contains("access_token="), where + " holds a URL with its query: " + text);
    }

    private static void assertNoSecretIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertNoSecret("message", t.getMessage());
            assertNoSecret("toString", t.toString());
        }
    }

    /** Runs calls that fail in every way, some with answers echoing the secrets back. */
    private List<PaymentException> failures(CurrencyGateway gateway) {
        // Each answer echoes every key and the tokens its call sent: the first call sends TOKEN then TOKEN_2,
        // later calls only TOKEN_2 (the provider moved on).
        String echo = String.join(" ", SECRETS);
        server.enqueue(json("{\"errcode\":40001,\"errmsg\":\"invalid credential " + echo + "\"}"));
        server.enqueue(json("{\"errcode\":40001,\"errmsg\":\"invalid credential " + echo + "\"}"));
        echo = echo.replace(TOKEN + " ", "");
        server.enqueue(json("{\"errcode\":90010,\"errmsg\":\"signature " + echo + "\"}"));
        server.enqueue(json("{\"errcode\":-1,\"errmsg\":\"system error " + echo + "\"}"));
        server.enqueue(new MockResponse().setResponseCode(502).setBody(echo));
        server.enqueue(json("<html>" + echo + "</html>"));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        List<PaymentException> out = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Environment env = i % 2 == 0 ? Environment.PRODUCTION : Environment.SANDBOX;
            CallContext ctx =
                    new CallContext(env, Fixture.SESSION, Deadline.in(Duration.ofMillis(i == 6 ? 300 : 3000)));
            out.add(assertThrows(PaymentException.class, () -> gateway.deduct(PAY, ctx)));
        }
        out.add(assertThrows(
                PaymentException.class,
                () -> gateway.deduct(PAY.withOrderNo(OrderNo.of("_x")), Fixture.context(Environment.PRODUCTION))));
        return out;
    }

    @Test
    void noSecretInAnyExceptionOrToString() {
        CurrencyGateway gateway = Fixture.gateway(server, new RotatingTokens(TOKEN, TOKEN_2));
        List<PaymentException> failures = failures(gateway);
        assertEquals(8, failures.size());
        failures.forEach(PayV2SecretsTest::assertNoSecretIn);
        assertTrue(failures.get(0).getMessage().contains("****"), "an echoed secret is masked, not dropped");
        assertNoSecret("gateway", gateway.toString());
        assertNoSecret("config", Fixture.config(server.url("/").toString()).toString());
        assertNoSecret("credentials", Fixture.credentials().toString());
        assertNoSecret("session", Fixture.SESSION.toString());
        assertNoSecret("context", Fixture.context(Environment.SANDBOX).toString());
    }

    @Test
    void noSecretOrUrlInTheDebugLog() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CurrencyGateway gateway = Fixture.gateway(server, new RotatingTokens(TOKEN, TOKEN_2));
            server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"pay-9\",\"balance\":1,"
                    + "\"used_present_amount\":0}"));
            gateway.deduct(PAY, Fixture.context(Environment.SANDBOX));
            failures(gateway);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("pay_v2 pay"), "the adapter logs at debug (is simplelogger.properties read?): " + log);
        assertNoSecret("log", log);
    }
}
