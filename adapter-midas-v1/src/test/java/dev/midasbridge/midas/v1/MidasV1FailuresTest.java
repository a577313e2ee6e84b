package dev.midasbridge.midas.v1;

import static dev.midasbridge.midas.v1.MidasV1Fixture.OPENID;
import static dev.midasbridge.midas.v1.MidasV1Fixture.SESSION_KEY;
import static dev.midasbridge.midas.v1.MidasV1Fixture.TOKEN;
import static dev.midasbridge.midas.v1.MidasV1Fixture.TOKEN_2;
import static dev.midasbridge.midas.v1.MidasV1GatewayTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.adapter.support.testing.RotatingTokens;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.ConfigurationException;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.error.OutcomeUnknownException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.error.ReLoginRequiredException;
import dev.midasbridge.core.error.RejectedException;
import dev.midasbridge.core.error.RetryableException;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.gateway.Deadline;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.BizType;
import dev.midasbridge.core.operation.CoinType;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.midas.v1.MidasV1Fixture.Received;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every midas 1.0 errcode, HTTP and transport failure, and the access-token refresh, as typed outcomes. */
class MidasV1FailuresTest {
    private final Player player = Player.of(OPENID);
    private MockWebServer server;
    private RotatingTokens tokens;
    private CurrencyGateway gateway;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        tokens = new RotatingTokens(TOKEN, TOKEN_2);
        gateway = MidasV1.create(MidasV1Fixture.config(server), tokens);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static CallContext context(Duration timeout) {
        return CallContext.production(MidasV1Fixture.session(), timeout);
    }

    private static CallContext context() {
        return context(Duration.ofSeconds(5));
    }

    static Stream<Arguments> errcodes() {
        return Stream.of(
                Arguments.of(-1, "system error", OutcomeUnknownException.class, ErrorKind.SYSTEM_BUSY),
                Arguments.of(
                        -1, "1021-1021-0 offer invalid", ConfigurationException.class, ErrorKind.CONFIGURATION_FAULT),
                Arguments.of(90000, "order not exist", RejectedException.class, ErrorKind.ORDER_NOT_FOUND),
                Arguments.of(
                        -1, "1001-0-0 请求参数错误(zoneid/pf)", InvalidInputException.class, ErrorKind.INVALID_PARAMETER),
                Arguments.of(
                        -1, "3000-3000-0 not a known triple", OutcomeUnknownException.class, ErrorKind.SYSTEM_BUSY),
                Arguments.of(90009, "mp_sig error", ReLoginRequiredException.class, ErrorKind.PLAYER_SIGNATURE_INVALID),
                Arguments.of(90010, "not logged in", ReLoginRequiredException.class, ErrorKind.SESSION_EXPIRED),
                Arguments.of(90011, "sig error", ConfigurationException.class, ErrorKind.APP_SIGNATURE_INVALID),
                Arguments.of(90012, "order exists", RejectedException.class, ErrorKind.DUPLICATE_ORDER),
                Arguments.of(90013, "balance not enough", RejectedException.class, ErrorKind.INSUFFICIENT_BALANCE),
                Arguments.of(90014, "confirmed", RejectedException.class, ErrorKind.ORDER_ALREADY_CONFIRMED),
                Arguments.of(90015, "rolled back", RejectedException.class, ErrorKind.ORDER_ALREADY_ROLLED_BACK),
                Arguments.of(90016, "processing", RetryableException.class, ErrorKind.ORDER_PROCESSING),
                Arguments.of(90017, "no permission", ConfigurationException.class, ErrorKind.PERMISSION_DENIED),
                Arguments.of(90018, "[amt] invalid", InvalidInputException.class, ErrorKind.INVALID_PARAMETER),
                Arguments.of(12345, "who knows", OutcomeUnknownException.class, ErrorKind.UNKNOWN_ERRCODE));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("errcodes")
    void everyErrcodeMapsToItsExceptionAndKind(int errcode, String errmsg, Class<?> type, ErrorKind kind) {
        server.enqueue(json("{\"errcode\":" + errcode + ",\"errmsg\":\"" + errmsg + "\"}"));
        PaymentException ex = assertThrows(
                PaymentException.class, () -> gateway.refund(Refund.whole(player, OrderNo.of("B1")), context()));
        assertInstanceOf(type, ex);
        assertEquals(kind, ex.kind());
        assertEquals(OptionalInt.of(errcode), ex.errcode());
        assertEquals(errmsg, ex.errmsg().orElseThrow());
        assertEquals(ApiVersion.MIDAS_V1, ex.version().orElseThrow());
        assertEquals(1, server.getRequestCount(), "an errcode answer is never repeated by the adapter");
    }

    @Test
    void http502IsAnHttpStatusOutcome() {
        server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>Bad Gateway</html>"));
        PaymentException ex = assertThrows(
                OutcomeUnknownException.class,
                () -> gateway.deduct(Deduction.of(player, 5, OrderNo.of("B1")), context()));
        assertEquals(ErrorKind.HTTP_STATUS, ex.kind());
        assertTrue(ex.getMessage().contains("502"), ex.getMessage());
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() {
        server.enqueue(new MockResponse().setBody("<html>oops</html>"));
        PaymentException ex = assertThrows(
                OutcomeUnknownException.class,
                () -> gateway.deduct(Deduction.of(player, 5, OrderNo.of("B1")), context()));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, ex.kind());
    }

    @ParameterizedTest
    @MethodSource("malformedPayAnswers")
    void aSuccessWithAMissingOrMistypedFieldIsMalformed(String body) {
        server.enqueue(json(body));
        PaymentException ex = assertThrows(
                OutcomeUnknownException.class,
                () -> gateway.deduct(Deduction.of(player, 5, OrderNo.of("B1")), context()));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, ex.kind(), ex.getMessage());
    }

    static Stream<String> malformedPayAnswers() {
        return Stream.of(
                "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"B1\",\"balance\":5}",
                "{\"errmsg\":\"ok\",\"bill_no\":\"B1\",\"balance\":5,\"used_gen_amt\":0}",
                "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"B1\",\"balance\":5.5,\"used_gen_amt\":0}",
                "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"B1\",\"balance\":{},\"used_gen_amt\":0}",
                "[1,2]",
                "",
                "null",
                "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"B1\",\"balance\":5,\"used_gen_amt\":0} trailing");
    }

    @ParameterizedTest
    @MethodSource("mutations")
    void aTimeoutOnAMutationIsOutcomeUnknown(String name, Consumer<CurrencyGateway> call) {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        PaymentException ex = assertThrows(PaymentException.class, () -> call.accept(gateway));
        assertInstanceOf(OutcomeUnknownException.class, ex);
        assertEquals(ErrorKind.TIMEOUT, ex.kind());
        assertTrue(ex.outcomeUnknown() && ex.retrySameOrderSafe());
    }

    static Stream<Arguments> mutations() {
        Player p = Player.of(OPENID);
        CallContext shortDeadline = context(Duration.ofMillis(300));
        return Stream.of(
                Arguments.of("pay", (Consumer<CurrencyGateway>)
                        g -> g.deduct(Deduction.of(p, 5, OrderNo.of("B1")), shortDeadline)),
                Arguments.of("cancelpay", (Consumer<CurrencyGateway>)
                        g -> g.refund(Refund.whole(p, OrderNo.of("B1")), shortDeadline)),
                Arguments.of("present", (Consumer<CurrencyGateway>)
                        g -> g.grant(Grant.of(p, 5, OrderNo.of("G1")), shortDeadline)));
    }

    @Test
    void aBalanceTimeoutIsATimeoutToo() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        assertEquals(
                ErrorKind.TIMEOUT,
                assertThrows(
                                PaymentException.class,
                                () -> gateway.balance(BalanceQuery.of(player), context(Duration.ofMillis(300))))
                        .kind());
    }

    @Test
    void aDeadlineAlreadyPassedSendsNothing() throws InterruptedException {
        CallContext expired =
                new CallContext(Environment.PRODUCTION, MidasV1Fixture.session(), Deadline.in(Duration.ofNanos(1)));
        TimeUnit.MILLISECONDS.sleep(2);
        assertEquals(
                ErrorKind.TIMEOUT,
                assertThrows(
                                OutcomeUnknownException.class,
                                () -> gateway.deduct(Deduction.of(player, 5, OrderNo.of("B1")), expired))
                        .kind());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aDroppedConnectionIsOutcomeUnknown() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        PaymentException ex = assertThrows(
                OutcomeUnknownException.class,
                () -> gateway.deduct(Deduction.of(player, 5, OrderNo.of("B1")), context()));
        assertEquals(ErrorKind.CONNECTION_DROPPED, ex.kind());
        assertEquals(1, server.getRequestCount(), "OkHttp must not repeat the POST on its own");
    }

    @Test
    void aRefusedConnectionIsConnectionFailed() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        CurrencyGateway refused = MidasV1.create(
                MidasV1Config.builder(MidasV1Fixture.credentials())
                        .baseUrl("http://127.0.0.1:" + port + "/")
                        .build(),
                tokens);
        PaymentException ex = assertThrows(
                RetryableException.class, () -> refused.deduct(Deduction.of(player, 5, OrderNo.of("B1")), context()));
        assertEquals(ErrorKind.CONNECTION_FAILED, ex.kind());
    }

    @Test
    void anInvalidTokenIsRefreshedOnceAndTheCallRepeatedResigned() throws Exception {
        server.enqueue(json("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
        server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"B1\",\"balance\":5,\"used_gen_amt\":1}"));
        gateway.deduct(Deduction.of(player, 5, OrderNo.of("B1")), context());

        assertEquals(2, server.getRequestCount());
        Received first = Received.of(server.takeRequest());
        Received second = Received.of(server.takeRequest());
        assertEquals(TOKEN, first.accessToken());
        assertEquals(TOKEN_2, second.accessToken());
        assertEquals(List.of(TOKEN), tokens.invalidated());
        assertEquals(first.raw().get("sig"), second.raw().get("sig"), "same body, same sig");
        assertEquals(second.expectedMpSig(SESSION_KEY), second.raw().get("mp_sig"));
        var firstParams = new java.util.LinkedHashMap<>(first.raw());
        var secondParams = new java.util.LinkedHashMap<>(second.raw());
        firstParams.remove("mp_sig");
        secondParams.remove("mp_sig");
        assertEquals(firstParams, secondParams);
    }

    @ParameterizedTest
    @MethodSource("tokenErrcodes")
    void aTokenRefusedTwiceIsAccessTokenInvalid(int errcode) {
        server.enqueue(json("{\"errcode\":" + errcode + ",\"errmsg\":\"invalid credential\"}"));
        server.enqueue(json("{\"errcode\":" + errcode + ",\"errmsg\":\"invalid credential\"}"));
        PaymentException ex =
                assertThrows(ConfigurationException.class, () -> gateway.balance(BalanceQuery.of(player), context()));
        assertEquals(ErrorKind.ACCESS_TOKEN_INVALID, ex.kind());
        assertEquals(2, server.getRequestCount());
    }

    static Stream<Integer> tokenErrcodes() {
        return Stream.of(40001, 40014, 42001);
    }

    @Test
    void orderQueryIsNotSupportedAndSendsNothing() {
        RejectedException ex = assertThrows(
                RejectedException.class,
                () -> gateway.queryOrder(OrderQuery.of(player, "T1", BizType.COINS), context()));
        assertEquals(ErrorKind.NOT_SUPPORTED, ex.kind());
        assertTrue(ex.getMessage().contains("order query is not supported by midas 1.0"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void inputMidasV1CannotExpressIsRejectedBeforeSending() {
        InvalidInputException coin = assertThrows(
                InvalidInputException.class,
                () -> gateway.balance(BalanceQuery.of(player).withCoinType(CoinType.GAME_COINS), context()));
        assertTrue(coin.getMessage().contains("coin_type") && coin.getMessage().contains("midas_v1"));
        InvalidInputException amount = assertThrows(
                InvalidInputException.class,
                () -> gateway.refund(Refund.whole(player, OrderNo.of("B1")).withAmount(5), context()));
        assertTrue(amount.getMessage().contains("amount 5: midas_v1 refunds the whole deduction"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aSessionOfAnotherPlayerIsRejectedBeforeSending() {
        InvalidInputException ex = assertThrows(
                InvalidInputException.class,
                () -> gateway.balance(BalanceQuery.of(Player.of("someone-else")), context()));
        assertEquals(java.util.Optional.of("openid"), ex.field());
        assertEquals(0, server.getRequestCount());
    }
}
