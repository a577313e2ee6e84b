package dev.midasbridge.payv2;

import static dev.midasbridge.payv2.Fixture.OFFER;
import static dev.midasbridge.payv2.Fixture.OPENID;
import static dev.midasbridge.payv2.Fixture.SESSION_KEY;
import static dev.midasbridge.payv2.Fixture.TOKEN;
import static dev.midasbridge.payv2.Fixture.TOKEN_2;
import static dev.midasbridge.payv2.Fixture.TS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.adapter.support.testing.RotatingTokens;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.AccessTokenProvider;
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
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.BizType;
import dev.midasbridge.core.operation.CoinType;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.Operation;
import dev.midasbridge.core.operation.OrderInfo;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.operation.RefundReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.payv2.internal.error.PayV2Errcodes;
import dev.midasbridge.payv2.internal.wire.WireJsonAccess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PayV2GatewayTest {
    private static final Player PLAYER = Player.of(OPENID);
    private static final Deduction PAY = Deduction.of(PLAYER, 25, OrderNo.forVersion("pay-001", ApiVersion.PAY_V2))
            .withItem("钻石")
            .withRemark("测试");

    private MockWebServer server;
    private CurrencyGateway gateway;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        gateway = Fixture.gateway(server, AccessTokenProvider.fixed(TOKEN));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static MockResponse json(String body) {
        return new MockResponse()
                .setResponseCode(200)
                .setHeader("Content-Type", "application/json")
                .setBody(body);
    }

    private RecordedRequest taken() throws InterruptedException {
        return server.takeRequest(1, TimeUnit.SECONDS);
    }

    /** One example per endpoint: the operation, the body we expect, the answer and the result it maps to. */
    private record Case(String endpoint, Operation op, Map<String, Object> ownFields, String answer, Object result) {}

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(
                "getbalance",
                BalanceQuery.of(PLAYER).withCoinType(CoinType.GAME_COINS).withUserIp("198.51.100.2"),
                fields("coin_type", 0L, "user_ip", "198.51.100.2"),
                "{\"errcode\":0,\"errmsg\":\"ok\",\"balance\":100,\"present_balance\":20,\"first_save_flag\":true,"
                        + "\"sum_save\":80,\"sum_balance\":120,\"sum_cost\":20,\"sum_present\":40}",
                new Balance(100, 20, true, 80, 120, 20, 40)));
        cases.add(new Case(
                "pay",
                PAY,
                fields("bill_no", "pay-001", "amount", 25L, "payitem", "钻石", "remark", "测试"),
                "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"pay-001\",\"balance\":75,\"used_present_amount\":5}",
                new DeductionReceipt(OrderNo.of("pay-001"), 75, 5, ApiVersion.PAY_V2)));
        cases.add(new Case(
                "cancelpay",
                Refund.of(PLAYER, OrderNo.of("pay-001"), OrderNo.of("refund-001"), 5),
                fields("pay_bill_no", "pay-001", "bill_no", "refund-001", "amount", 5L),
                "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"refund-001\"}",
                new RefundReceipt(OrderNo.of("refund-001"), ApiVersion.PAY_V2)));
        cases.add(new Case(
                "present",
                Grant.of(PLAYER, 10, OrderNo.of("gift-001")),
                fields("bill_no", "gift-001", "amount", 10L),
                "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"gift-001\",\"balance\":110}",
                new GrantReceipt(OrderNo.of("gift-001"), 110, ApiVersion.PAY_V2)));
        cases.add(new Case(
                "queryorderinfo",
                OrderQuery.of(PLAYER, "T-001", BizType.COINS),
                fields("out_trade_no", "T-001", "biz_id", 1L),
                "{\"errcode\":0,\"errmsg\":\"ok\",\"pay_state\":2,\"deliver_state\":1,\"pay_finish_time\":1668512500,"
                        + "\"out_trade_no\":\"T-001\",\"mch_order_no\":\"M-9\",\"transaction_id\":\"4200\","
                        + "\"product_id\":\"gem-10\"}",
                new OrderInfo(2, 1, 1668512500, "T-001", "M-9", "4200", "gem-10")));
        return cases;
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Stream<Arguments> everyEndpointInBothEnvironments() {
        return cases().stream()
                .flatMap(c -> Stream.of(
                        Arguments.of(c.endpoint(), Environment.PRODUCTION),
                        Arguments.of(c.endpoint(), Environment.SANDBOX)));
    }

    private static Case caseFor(String endpoint) {
        return cases().stream()
                .filter(c -> c.endpoint().equals(endpoint))
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyEndpointInBothEnvironments")
    void sendsASignedRequestWithTheExactFieldsAndMapsTheAnswer(String endpoint, Environment env) throws Exception {
        Case c = caseFor(endpoint);
        server.enqueue(json(c.answer()));

        Object result = Fixture.invoke(gateway, c.op(), Fixture.context(env));

        assertEquals(c.result(), result);
        RecordedRequest req = taken();
        byte[] body = Fixture.assertSignedRequest(req, endpoint, Fixture.appKey(env), SESSION_KEY, TOKEN);
        Map<String, Object> sent = WireJsonAccess.readFlat(body);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("offer_id", OFFER);
        expected.put("openid", OPENID);
        expected.put("ts", TS);
        expected.put("zone_id", "1");
        expected.put("env", (long) env.payV2Env());
        Map<String, Object> own = new LinkedHashMap<>(c.ownFields());
        Object ip = own.remove("user_ip");
        expected.putAll(own);
        if (ip != null) {
            expected.put("user_ip", ip);
        }
        assertEquals(expected, sent);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(sent.keySet()), "field order");
        // JSON types: ids and order numbers are strings, ts/env/amount numbers
        assertInstanceOf(String.class, sent.get("offer_id"));
        assertInstanceOf(String.class, sent.get("zone_id"));
        assertInstanceOf(Long.class, sent.get("ts"));
        assertInstanceOf(Long.class, sent.get("env"));
        if (sent.containsKey("bill_no")) {
            assertInstanceOf(String.class, sent.get("bill_no"));
            assertInstanceOf(Long.class, sent.get("amount"));
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void theBytesOnTheWireAreTheBytesSignedIncludingNonAsciiText() throws Exception {
        server.enqueue(json(caseFor("pay").answer()));
        gateway.deduct(PAY, Fixture.context(Environment.PRODUCTION));
        RecordedRequest req = taken();
        byte[] received = Fixture.assertSignedRequest(req, "pay", Fixture.PROD_KEY, SESSION_KEY, TOKEN);
        byte[] expected = ("{\"offer_id\":\"1450000001\",\"openid\":\"oUrsfxxxxxxxxxx\",\"ts\":1668512428,"
                        + "\"zone_id\":\"1\",\"env\":0,\"bill_no\":\"pay-001\",\"amount\":25,\"payitem\":\"钻石\","
                        + "\"remark\":\"测试\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, received);
        // raw UTF-8 of 钻石 travels, not a \\u escape
        assertTrue(new String(received, StandardCharsets.UTF_8).contains("钻石"));
        assertEquals(-1, new String(received, StandardCharsets.UTF_8).indexOf("\\u"));
    }

    private PaymentException failureFor(MockResponse answer, Operation op) {
        server.enqueue(answer);
        return assertThrows(
                PaymentException.class, () -> Fixture.invoke(gateway, op, Fixture.context(Environment.PRODUCTION)));
    }

    static Stream<Arguments> errcodes() {
        return Stream.of(
                Arguments.of(-1, "system error", OutcomeUnknownException.class, ErrorKind.SYSTEM_BUSY),
                Arguments.of(
                        -1, "1021-1021-0 offer not match", ConfigurationException.class, ErrorKind.CONFIGURATION_FAULT),
                Arguments.of(90000, "order not exist", RejectedException.class, ErrorKind.ORDER_NOT_FOUND),
                Arguments.of(
                        -1, "1001-0-0 请求参数错误(zoneid/pf)", InvalidInputException.class, ErrorKind.INVALID_PARAMETER),
                Arguments.of(
                        90010, "signature invalid", ReLoginRequiredException.class, ErrorKind.PLAYER_SIGNATURE_INVALID),
                Arguments.of(90011, "pay_sig invalid", ConfigurationException.class, ErrorKind.APP_SIGNATURE_INVALID),
                Arguments.of(90012, "bill_no repeated", RejectedException.class, ErrorKind.DUPLICATE_ORDER),
                Arguments.of(90013, "balance not enough", RejectedException.class, ErrorKind.INSUFFICIENT_BALANCE),
                Arguments.of(90016, "sessionkey fail", ReLoginRequiredException.class, ErrorKind.SESSION_EXPIRED),
                Arguments.of(
                        90018, "[openid] openid is invalid", InvalidInputException.class, ErrorKind.INVALID_PARAMETER),
                Arguments.of(12345, "something new", OutcomeUnknownException.class, ErrorKind.UNKNOWN_ERRCODE));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("errcodes")
    void everyErrcodeBecomesItsExceptionClassAndKind(
            int errcode, String errmsg, Class<? extends PaymentException> type, ErrorKind kind) {
        PaymentException e = failureFor(json("{\"errcode\":" + errcode + ",\"errmsg\":\"" + errmsg + "\"}"), PAY);
        assertInstanceOf(type, e);
        assertEquals(kind, e.kind());
        assertEquals(errcode, e.errcode().getAsInt());
        assertEquals(errmsg, e.errmsg().orElseThrow());
        assertEquals(ApiVersion.PAY_V2, e.version().orElseThrow());
        assertEquals(1, server.getRequestCount(), "no retry of an errcode other than a token refusal");
    }

    @Test
    void everyDocumentedErrcodeIsCovered() {
        List<Integer> tested = errcodes().map(a -> (Integer) a.get()[0]).toList();
        assertTrue(tested.containsAll(PayV2Errcodes.TABLE.documented().keySet()), tested.toString());
    }

    @Test
    void httpErrorStatusIsOutcomeUnknown() {
        PaymentException e = failureFor(new MockResponse().setResponseCode(502).setBody("Bad Gateway"), PAY);
        assertInstanceOf(OutcomeUnknownException.class, e);
        assertEquals(ErrorKind.HTTP_STATUS, e.kind());
        assertTrue(e.getMessage().contains("502"), e.getMessage());
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() {
        PaymentException e = failureFor(json("<html>busy</html>"), PAY);
        assertInstanceOf(OutcomeUnknownException.class, e);
        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind());
    }

    @Test
    void aSuccessLackingARequiredFieldIsMalformed() {
        PaymentException e = failureFor(json("{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"pay-001\"}"), PAY);
        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("balance"), e.getMessage());
        PaymentException noErrcode = failureFor(json("{\"errmsg\":\"ok\",\"balance\":3}"), BalanceQuery.of(PLAYER));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, noErrcode.kind());
    }

    static Stream<Operation> mutatingOperations() {
        return Stream.of(PAY, caseFor("cancelpay").op(), caseFor("present").op());
    }

    @ParameterizedTest
    @MethodSource("mutatingOperations")
    void noAnswerBeforeTheDeadlineIsATimeoutWithUnknownOutcome(Operation op) {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        CallContext shortDeadline =
                new CallContext(Environment.PRODUCTION, Fixture.SESSION, Deadline.in(Duration.ofMillis(300)));
        PaymentException e = assertThrows(PaymentException.class, () -> Fixture.invoke(gateway, op, shortDeadline));
        assertInstanceOf(OutcomeUnknownException.class, e);
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertTrue(e.retrySameOrderSafe());
    }

    @Test
    void aBalanceQueryTimesOutToo() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        CallContext shortDeadline =
                new CallContext(Environment.SANDBOX, Fixture.SESSION, Deadline.in(Duration.ofMillis(300)));
        PaymentException e =
                assertThrows(PaymentException.class, () -> gateway.balance(BalanceQuery.of(PLAYER), shortDeadline));
        assertEquals(ErrorKind.TIMEOUT, e.kind());
    }

    @ParameterizedTest
    @MethodSource("mutatingOperations")
    void aDroppedConnectionIsOutcomeUnknown(Operation op) {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        PaymentException e = assertThrows(
                PaymentException.class, () -> Fixture.invoke(gateway, op, Fixture.context(Environment.PRODUCTION)));
        assertInstanceOf(OutcomeUnknownException.class, e);
        assertEquals(ErrorKind.CONNECTION_DROPPED, e.kind());
        assertEquals(1, server.getRequestCount(), "OkHttp must not resend silently");
    }

    @Test
    void aRefusedConnectionIsConnectionFailed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CurrencyGateway closed =
                PayV2.create(Fixture.config("http://127.0.0.1:" + port), AccessTokenProvider.fixed(TOKEN));
        PaymentException e =
                assertThrows(PaymentException.class, () -> closed.deduct(PAY, Fixture.context(Environment.PRODUCTION)));
        assertInstanceOf(RetryableException.class, e);
        assertEquals(ErrorKind.CONNECTION_FAILED, e.kind());
    }

    @Test
    void aRefusedTokenIsRefreshedOnceAndTheSameBytesAreSentAgain() throws Exception {
        RotatingTokens tokens = new RotatingTokens(TOKEN, TOKEN_2);
        CurrencyGateway g = Fixture.gateway(server, tokens);
        server.enqueue(json("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
        server.enqueue(json(caseFor("pay").answer()));

        DeductionReceipt receipt = g.deduct(PAY, Fixture.context(Environment.SANDBOX));

        assertEquals(OrderNo.of("pay-001"), receipt.orderNo());
        assertEquals(List.of(TOKEN), tokens.invalidated());
        RecordedRequest first = taken();
        RecordedRequest second = taken();
        byte[] b1 = Fixture.assertSignedRequest(first, "pay", Fixture.SANDBOX_KEY, SESSION_KEY, TOKEN);
        byte[] b2 = Fixture.assertSignedRequest(second, "pay", Fixture.SANDBOX_KEY, SESSION_KEY, TOKEN_2);
        assertArrayEquals(b1, b2);
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aTokenRefusedTwiceIsAccessTokenInvalid() {
        RotatingTokens tokens = new RotatingTokens(TOKEN, TOKEN_2);
        CurrencyGateway g = Fixture.gateway(server, tokens);
        server.enqueue(json("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
        server.enqueue(json("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}"));
        PaymentException e = assertThrows(
                PaymentException.class,
                () -> g.balance(BalanceQuery.of(PLAYER), Fixture.context(Environment.PRODUCTION)));
        assertInstanceOf(ConfigurationException.class, e);
        assertEquals(ErrorKind.ACCESS_TOKEN_INVALID, e.kind());
        assertEquals(42001, e.errcode().getAsInt());
        assertEquals(2, server.getRequestCount(), "refreshed once, not more");
        assertEquals(List.of(TOKEN, TOKEN_2), tokens.invalidated());
    }

    @Test
    void aLeadingUnderscoreBillNoIsRejectedBeforeAnythingIsSent() {
        Deduction bad = Deduction.of(PLAYER, 1, OrderNo.of("_a1"));
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> gateway.deduct(bad, Fixture.context(Environment.PRODUCTION)));
        assertEquals("bill_no \"_a1\" is not valid for pay_v2: it must not begin with '_'", e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aV1StyleWholeRefundIsRejectedBeforeAnythingIsSent() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> gateway.refund(
                        Refund.whole(PLAYER, OrderNo.of("pay-001")), Fixture.context(Environment.PRODUCTION)));
        assertTrue(e.getMessage().contains("pay_v2"), e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aSessionOfAnotherPlayerIsRejectedBeforeAnythingIsSent() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> gateway.deduct(
                        Deduction.of(Player.of("someone-else"), 1, OrderNo.of("p-1")),
                        Fixture.context(Environment.PRODUCTION)));
        assertEquals("openid", e.field().orElseThrow());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anExpiredDeadlineSendsNothing() throws Exception {
        CallContext tiny = new CallContext(Environment.PRODUCTION, Fixture.SESSION, Deadline.in(Duration.ofNanos(1)));
        Thread.sleep(2);
        PaymentException e = assertThrows(PaymentException.class, () -> gateway.deduct(PAY, tiny));
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theGatewaySpeaksPayV2() {
        assertEquals(ApiVersion.PAY_V2, gateway.version());
    }
}
