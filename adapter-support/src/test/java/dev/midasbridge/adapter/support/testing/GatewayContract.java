package dev.midasbridge.adapter.support.testing;

import static dev.midasbridge.adapter.support.testing.Gateways.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.error.RetryableException;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.gateway.Deadline;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.token.StableTokenConfig;
import dev.midasbridge.token.StableTokenProvider;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every gateway must do around the HTTP exchange, run against each adapter: a failed access-token fetch is
 * "not sent" ({@code ACCESS_TOKEN_UNAVAILABLE}, the send listener never told), and {@code beforeSend} is called
 * once per HTTP request (twice when a refused token is refreshed and the call repeated).
 */
public abstract class GatewayContract {
    protected static final String APP_SECRET = "app-secret-DO-NOT-PRINT-77";
    protected MockWebServer server;

    /** A gateway of the adapter under test calling {@code baseUrl}, with {@code tokens}. */
    protected abstract CurrencyGateway gateway(String baseUrl, AccessTokenProvider tokens);

    /** The player session the adapter's fixtures sign with. */
    protected abstract PlayerSession session();

    /** A success answer to pay of {@code billNo}. */
    protected abstract String payAnswer(String billNo);

    /** The version of the adapter under test. */
    protected abstract ApiVersion version();

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.shutdown();
    }

    private Deduction deduction() {
        return Deduction.of(Player.of(session().openid()), 5, OrderNo.of("contract-1"));
    }

    private CallContext context(Gateways.CountingListener listener) {
        return new CallContext(Environment.PRODUCTION, session(), Deadline.in(Duration.ofSeconds(5)), listener);
    }

    private static StableTokenProvider stableToken(String baseUrl, Duration callTimeout) {
        return StableTokenProvider.create(StableTokenConfig.builder("wx0000000000test", Secret.of(APP_SECRET))
                .baseUrl(baseUrl)
                .callTimeout(callTimeout)
                .build());
    }

    private void assertTokenUnavailable(AccessTokenProvider tokens, String words) {
        Gateways.CountingListener listener = new Gateways.CountingListener();
        CurrencyGateway gateway = gateway(server.url("/").toString(), tokens);
        RetryableException e =
                assertThrows(RetryableException.class, () -> gateway.deduct(deduction(), context(listener)));
        assertEquals(ErrorKind.ACCESS_TOKEN_UNAVAILABLE, e.kind());
        assertEquals(version(), e.version().orElseThrow());
        assertTrue(
                e.getMessage().contains("access token unavailable (")
                        && e.getMessage().contains(words),
                e.getMessage());
        assertFalse(e.getMessage().contains(APP_SECRET), e.getMessage());
        assertEquals(0, listener.calls(), "nothing was sent, so the send listener was never told");
    }

    @Test
    void tokenEndpoint404IsAccessTokenUnavailableAndNothingIsSent() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("not found"));
        assertTokenUnavailable(stableToken(server.url("/").toString(), Duration.ofSeconds(2)), "HTTP 404");
        assertEquals(1, server.getRequestCount(), "only the token endpoint was asked");
        assertEquals("/cgi-bin/stable_token", server.takeRequest().getPath());
    }

    @Test
    void tokenEndpointRefusingConnectionsIsAccessTokenUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertTokenUnavailable(
                stableToken("http://127.0.0.1:" + closedPort + "/", Duration.ofSeconds(2)),
                "stable_token: connection refused");
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void tokenEndpointTimingOutIsAccessTokenUnavailable() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        assertTokenUnavailable(
                stableToken(server.url("/").toString(), Duration.ofMillis(300)), "stable_token: timed out");
    }

    @Test
    void tokenEndpointErrcodeIsAccessTokenUnavailable() {
        server.enqueue(json("{\"errcode\":40013,\"errmsg\":\"invalid appid\"}"));
        assertTokenUnavailable(stableToken(server.url("/").toString(), Duration.ofSeconds(2)), "40013");
    }

    @Test
    void anyProviderFailureIsAccessTokenUnavailable() {
        assertTokenUnavailable(
                new AccessTokenProvider() {
                    @Override
                    public dev.midasbridge.core.credentials.AccessToken current() {
                        throw new IllegalStateException("vault sealed");
                    }

                    @Override
                    public void invalidate(dev.midasbridge.core.credentials.AccessToken stale) {}
                },
                "IllegalStateException");
    }

    @Test
    void aNormalCallTellsTheListenerOnce() {
        server.enqueue(json(payAnswer("contract-1")));
        Gateways.CountingListener listener = new Gateways.CountingListener();
        gateway(server.url("/").toString(), new RotatingTokens("T1")).deduct(deduction(), context(listener));
        assertEquals(1, listener.calls());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aRefreshedTokenRepeatTellsTheListenerTwice() {
        server.enqueue(json("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
        server.enqueue(json(payAnswer("contract-1")));
        Gateways.CountingListener listener = new Gateways.CountingListener();
        RotatingTokens tokens = new RotatingTokens("T1", "T2");
        gateway(server.url("/").toString(), tokens).deduct(deduction(), context(listener));
        assertEquals(2, listener.calls());
        assertEquals(2, server.getRequestCount());
        assertEquals(java.util.List.of("T1"), tokens.invalidated());
    }

    @Test
    void aConnectionThatCannotBeMadeIsConnectionFailedAfterBeforeSend() throws IOException {
        String base = server.url("/").toString();
        server.shutdown();
        Gateways.CountingListener listener = new Gateways.CountingListener();
        PaymentException e = assertThrows(
                RetryableException.class,
                () -> gateway(base, new RotatingTokens("T1")).deduct(deduction(), context(listener)));
        assertEquals(ErrorKind.CONNECTION_FAILED, e.kind());
        assertEquals(1, listener.calls(), "beforeSend comes before the connection is attempted");
    }

    @Test
    void aDeadlineAlreadyPassedIsNotSent() throws InterruptedException {
        Gateways.CountingListener listener = new Gateways.CountingListener();
        CallContext expired =
                new CallContext(Environment.PRODUCTION, session(), Deadline.in(Duration.ofNanos(1)), listener);
        Thread.sleep(5);
        PaymentException e = assertThrows(
                PaymentException.class,
                () -> gateway(server.url("/").toString(), new RotatingTokens("T1"))
                        .deduct(deduction(), expired));
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertEquals(0, listener.calls());
        assertEquals(0, server.getRequestCount());
    }
}
