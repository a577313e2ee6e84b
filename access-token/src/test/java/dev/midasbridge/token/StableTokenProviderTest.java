package dev.midasbridge.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import dev.midasbridge.core.credentials.AccessToken;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.ConfigurationException;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.OutcomeUnknownException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.error.RetryableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StableTokenProviderTest {
    static final String APPID = "wx1234567";
    static final String SECRET = "app-secret-5f4dcc3b5aa765d61d8327deb882cf99";

    private MockWebServer server;
    private MutableClock clock;
    private StableTokenProvider provider;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
        provider = StableTokenProvider.create(config(server).build());
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private StableTokenConfig.Builder config(MockWebServer s) {
        return StableTokenConfig.builder(APPID, Secret.of(SECRET))
                .baseUrl(s.url("/").toString())
                .clock(clock);
    }

    static MockResponse token(String value, long expiresIn) {
        return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody("{\"access_token\":\"" + value + "\",\"expires_in\":" + expiresIn + "}");
    }

    /** The request body as raw JSON values, keeping their JSON types. */
    static Map<String, Object> body(RecordedRequest request) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        try (JsonReader r = JsonReader.of(new Buffer().write(request.getBody().snapshot()))) {
            r.beginObject();
            while (r.hasNext()) {
                String name = r.nextName();
                m.put(name, r.readJsonValue());
            }
            r.endObject();
        }
        return m;
    }

    @Test
    void fetchesOnceWithTheDocumentedRequestAndCaches() throws Exception {
        server.enqueue(token("TOKEN-A", 7200));
        AccessToken first = provider.current();
        AccessToken second = provider.current();

        assertEquals("TOKEN-A", first.value().reveal());
        assertEquals(Instant.parse("2026-11-21T14:00:00Z"), first.expiresAt());
        assertEquals(first, second);
        assertEquals(1, server.getRequestCount());
        RecordedRequest request = server.takeRequest();
        assertEquals("POST", request.getMethod());
        assertEquals("/cgi-bin/stable_token", request.getRequestUrl().encodedPath());
        assertEquals(Set.of(), request.getRequestUrl().queryParameterNames());
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("grant_type", "client_credential");
        expected.put("appid", APPID);
        expected.put("secret", SECRET);
        expected.put("force_refresh", false);
        assertEquals(expected, body(request));
    }

    @Test
    void aTokenIsRenewedOnceWithinTheMarginOfItsExpiry() {
        server.enqueue(token("TOKEN-A", 7200));
        server.enqueue(token("TOKEN-B", 7200));
        assertEquals("TOKEN-A", provider.current().value().reveal());
        clock.advance(Duration.ofSeconds(7200 - 300 - 1));
        assertEquals("TOKEN-A", provider.current().value().reveal());
        assertEquals(1, server.getRequestCount());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("TOKEN-B", provider.current().value().reveal());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void theMarginIsConfigurable() throws IOException {
        try (MockWebServer other = new MockWebServer()) {
            other.start();
            StableTokenProvider p = StableTokenProvider.create(
                    config(other).margin(Duration.ZERO).build());
            other.enqueue(token("TOKEN-A", 7200));
            other.enqueue(token("TOKEN-B", 7200));
            p.current();
            clock.advance(Duration.ofSeconds(7199));
            assertEquals("TOKEN-A", p.current().value().reveal());
            clock.advance(Duration.ofSeconds(1));
            assertEquals("TOKEN-B", p.current().value().reveal());
        }
    }

    @Test
    void invalidateCausesOneNewFetchWithoutForceRefresh() throws Exception {
        server.enqueue(token("TOKEN-A", 7200));
        server.enqueue(token("TOKEN-B", 7200));
        AccessToken a = provider.current();
        provider.invalidate(a);
        provider.invalidate(a);
        assertEquals("TOKEN-B", provider.current().value().reveal());
        assertEquals("TOKEN-B", provider.current().value().reveal());
        assertEquals(2, server.getRequestCount());
        server.takeRequest();
        assertEquals(false, body(server.takeRequest()).get("force_refresh"));
    }

    @Test
    void invalidatingATokenNoLongerCachedFetchesNothing() {
        server.enqueue(token("TOKEN-A", 7200));
        server.enqueue(token("TOKEN-B", 7200));
        AccessToken a = provider.current();
        provider.invalidate(a);
        AccessToken b = provider.current();
        provider.invalidate(a);
        assertEquals(b, provider.current());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void whenTheServerHandsBackTheRefusedTokenOneForcedRefreshFollows() throws Exception {
        server.enqueue(token("TOKEN-A", 7200));
        server.enqueue(token("TOKEN-A", 7000));
        server.enqueue(token("TOKEN-C", 7200));
        provider.invalidate(provider.current());
        assertEquals("TOKEN-C", provider.current().value().reveal());
        assertEquals(3, server.getRequestCount());
        server.takeRequest();
        assertEquals(false, body(server.takeRequest()).get("force_refresh"));
        assertEquals(true, body(server.takeRequest()).get("force_refresh"));
    }

    @Test
    void sixteenConcurrentCallersShareOneFetch() throws Exception {
        server.enqueue(token("TOKEN-A", 7200).setBodyDelay(200, TimeUnit.MILLISECONDS));
        List<AccessToken> tokens = runConcurrently(16, provider::current);
        assertEquals(1, server.getRequestCount());
        assertEquals(
                Set.of("TOKEN-A"),
                Set.copyOf(tokens.stream().map(t -> t.value().reveal()).toList()));
    }

    @Test
    void sixteenThreadsInvalidatingTheSameTokenCauseOneFetch() throws Exception {
        server.enqueue(token("TOKEN-A", 7200));
        server.enqueue(token("TOKEN-B", 7200).setBodyDelay(100, TimeUnit.MILLISECONDS));
        AccessToken a = provider.current();
        List<AccessToken> renewed = runConcurrently(16, () -> {
            provider.invalidate(a);
            return provider.current();
        });
        assertEquals(2, server.getRequestCount());
        assertEquals(
                Set.of("TOKEN-B"),
                Set.copyOf(renewed.stream().map(t -> t.value().reveal()).toList()));
    }

    @Test
    void concurrentCallersShareAFailedFetchAndTheFailureIsNotCached() throws Exception {
        server.enqueue(new MockResponse()
                .setBody("{\"errcode\":40125,\"errmsg\":\"invalid appsecret\"}")
                .setBodyDelay(1, TimeUnit.SECONDS));
        server.enqueue(token("TOKEN-A", 7200));
        List<Object> outcomes = runConcurrently(8, () -> {
            try {
                return provider.current();
            } catch (PaymentException e) {
                return e.kind();
            }
        });
        assertEquals(1, server.getRequestCount());
        assertEquals(
                List.of(ErrorKind.ACCESS_TOKEN_INVALID),
                outcomes.stream().distinct().toList());
        assertEquals("TOKEN-A", provider.current().value().reveal());
    }

    static Stream<Arguments> errorAnswers() {
        return Stream.of(
                Arguments.of(
                        json("{\"errcode\":40125,\"errmsg\":\"invalid appsecret\"}"),
                        ConfigurationException.class,
                        ErrorKind.ACCESS_TOKEN_INVALID),
                Arguments.of(
                        json("{\"errcode\":40013,\"errmsg\":\"invalid appid\"}"),
                        ConfigurationException.class,
                        ErrorKind.ACCESS_TOKEN_INVALID),
                Arguments.of(
                        json("{\"errcode\":40164,\"errmsg\":\"invalid ip, not in whitelist\"}"),
                        ConfigurationException.class,
                        ErrorKind.PERMISSION_DENIED),
                Arguments.of(
                        json("{\"errcode\":-1,\"errmsg\":\"system error\"}"),
                        OutcomeUnknownException.class,
                        ErrorKind.SYSTEM_BUSY),
                Arguments.of(
                        new MockResponse().setResponseCode(502), OutcomeUnknownException.class, ErrorKind.HTTP_STATUS),
                Arguments.of(json("<html>"), OutcomeUnknownException.class, ErrorKind.MALFORMED_RESPONSE),
                Arguments.of(
                        json("{\"expires_in\":7200}"), OutcomeUnknownException.class, ErrorKind.MALFORMED_RESPONSE),
                Arguments.of(
                        json("{\"access_token\":\"T\",\"expires_in\":1.5}"),
                        OutcomeUnknownException.class,
                        ErrorKind.MALFORMED_RESPONSE),
                Arguments.of(
                        json("{\"access_token\":\"T\"}"), OutcomeUnknownException.class, ErrorKind.MALFORMED_RESPONSE),
                Arguments.of(
                        new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST),
                        OutcomeUnknownException.class,
                        ErrorKind.CONNECTION_DROPPED));
    }

    static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    @ParameterizedTest
    @MethodSource("errorAnswers")
    void errorAnswersAreTypedAndNeverCarryTheSecret(MockResponse answer, Class<?> type, ErrorKind kind) {
        server.enqueue(answer);
        PaymentException ex = assertThrows(PaymentException.class, provider::current);
        assertInstanceOf(type, ex);
        assertEquals(kind, ex.kind());
        assertNoSecret(ex);
    }

    @Test
    void aTimeoutIsTyped() throws IOException {
        try (MockWebServer slow = new MockWebServer()) {
            slow.start();
            slow.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
            StableTokenProvider p = StableTokenProvider.create(
                    config(slow).callTimeout(Duration.ofMillis(300)).build());
            PaymentException ex = assertThrows(OutcomeUnknownException.class, p::current);
            assertEquals(ErrorKind.TIMEOUT, ex.kind());
            assertNoSecret(ex);
        }
    }

    @Test
    void aRefusedConnectionIsConnectionFailed() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        StableTokenProvider p = StableTokenProvider.create(StableTokenConfig.builder(APPID, Secret.of(SECRET))
                .baseUrl("http://127.0.0.1:" + port)
                .build());
        PaymentException ex = assertThrows(RetryableException.class, p::current);
        assertEquals(ErrorKind.CONNECTION_FAILED, ex.kind());
        assertNoSecret(ex);
    }

    @Test
    void theServerEchoingTheSecretInErrmsgIsMasked() {
        server.enqueue(json("{\"errcode\":40125,\"errmsg\":\"invalid appsecret " + SECRET + "\"}"));
        PaymentException ex = assertThrows(ConfigurationException.class, provider::current);
        assertNoSecret(ex);
        assertTrue(ex.errmsg().orElseThrow().contains(Secret.MASK));
    }

    @Test
    void toStringsMaskTheSecretAndTheToken() {
        server.enqueue(token("TOKEN-SECRET-VALUE", 7200));
        AccessToken t = provider.current();
        for (String s : List.of(
                provider.toString(), t.toString(), config(server).build().toString())) {
            assertFalse(s.contains(SECRET) || s.contains("TOKEN-SECRET-VALUE"), s);
        }
    }

    @Test
    void configRejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> StableTokenConfig.builder(" ", Secret.of(SECRET)));
        StableTokenConfig.Builder b = StableTokenConfig.builder(APPID, Secret.of(SECRET));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.margin(Duration.ofSeconds(-1)))
                .getMessage()
                .contains("margin"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.baseUrl("not a url"))
                .getMessage()
                .contains("baseUrl"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.callTimeout(Duration.ZERO))
                .getMessage()
                .contains("callTimeout"));
    }

    private static void assertNoSecret(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(SECRET), t.getMessage());
            assertFalse(t.toString().contains(SECRET), t.toString());
        }
    }

    private static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(10, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
