package dev.midasbridge.midas.v1;

import static dev.midasbridge.midas.v1.MidasV1Fixture.APPID;
import static dev.midasbridge.midas.v1.MidasV1Fixture.APP_KEY;
import static dev.midasbridge.midas.v1.MidasV1Fixture.OFFER_ID;
import static dev.midasbridge.midas.v1.MidasV1Fixture.OPENID;
import static dev.midasbridge.midas.v1.MidasV1Fixture.SANDBOX_APP_KEY;
import static dev.midasbridge.midas.v1.MidasV1Fixture.SESSION_KEY;
import static dev.midasbridge.midas.v1.MidasV1Fixture.TOKEN;
import static dev.midasbridge.midas.v1.MidasV1Fixture.TS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.midasbridge.adapter.support.testing.RotatingTokens;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.gateway.Deadline;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.operation.RefundReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.midas.v1.MidasV1Fixture.Received;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint, production and sandbox, over a real socket: method, path, query, body, types, signatures. */
class MidasV1GatewayTest {
    private static final Set<String> NUMBERS = Set.of("ts", "amt", "present_counts");

    private MockWebServer server;
    private CurrencyGateway gateway;
    private final Player player = Player.of(OPENID, "3_77");

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        gateway = MidasV1.create(MidasV1Fixture.config(server), new RotatingTokens(TOKEN));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    static Stream<Arguments> endpoints() {
        return Stream.of("getbalance", "pay", "cancelpay", "present")
                .flatMap(e -> Stream.of(Arguments.of(e, Environment.PRODUCTION), Arguments.of(e, Environment.SANDBOX)));
    }

    private CallContext context(Environment env) {
        return new CallContext(env, MidasV1Fixture.session(), Deadline.in(Duration.ofSeconds(5)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void sendsTheExactSignedRequestAndReadsTheAnswer(String endpoint, Environment env) throws Exception {
        List<String> expectedFields;
        switch (endpoint) {
            case "getbalance" -> {
                server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\",\"balance\":100,\"gen_balance\":20,"
                        + "\"first_save\":0,\"save_amt\":80,\"save_sum\":90,\"cost_sum\":10,\"present_sum\":25}"));
                Balance b = gateway.balance(BalanceQuery.of(player).withUserIp("203.0.113.7"), context(env));
                assertEquals(new Balance(100, 20, false, 80, 90, 10, 25), b);
                expectedFields = List.of("openid", "appid", "offer_id", "ts", "zone_id", "pf", "user_ip");
            }
            case "pay" -> {
                server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"BillNo_123\",\"balance\":77,"
                        + "\"used_gen_amt\":3}"));
                DeductionReceipt r = gateway.deduct(
                        Deduction.of(player, 123, OrderNo.of("BillNo_123"))
                                .withItem("钻石")
                                .withRemark("测试 & more=1"),
                        context(env));
                assertEquals(new DeductionReceipt(OrderNo.of("BillNo_123"), 77, 3, ApiVersion.MIDAS_V1), r);
                expectedFields = List.of(
                        "openid",
                        "appid",
                        "offer_id",
                        "ts",
                        "zone_id",
                        "pf",
                        "amt",
                        "bill_no",
                        "pay_item",
                        "app_remark");
            }
            case "cancelpay" -> {
                server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"BillNo_123\"}"));
                RefundReceipt r = gateway.refund(
                        Refund.whole(player, OrderNo.of("BillNo_123")).withItem("钻石"), context(env));
                assertEquals(new RefundReceipt(OrderNo.of("BillNo_123"), ApiVersion.MIDAS_V1), r);
                expectedFields = List.of("openid", "appid", "offer_id", "ts", "zone_id", "pf", "bill_no", "pay_item");
            }
            default -> {
                server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"gift-0001\",\"balance\":110}"));
                GrantReceipt r = gateway.grant(Grant.of(player, 10, OrderNo.of("gift-0001")), context(env));
                assertEquals(new GrantReceipt(OrderNo.of("gift-0001"), 110, ApiVersion.MIDAS_V1), r);
                expectedFields =
                        List.of("openid", "appid", "offer_id", "ts", "zone_id", "pf", "bill_no", "present_counts");
            }
        }
        RecordedRequest request = server.takeRequest();
        assertEquals("POST", request.getMethod());
        String path = env == Environment.SANDBOX ? "/cgi-bin/midas/sandbox/" + endpoint : "/cgi-bin/midas/" + endpoint;
        assertEquals(path, request.getRequestUrl().encodedPath());
        assertEquals(Set.of("access_token"), request.getRequestUrl().queryParameterNames());
        assertEquals(TOKEN, request.getRequestUrl().queryParameter("access_token"));
        assertEquals("application/json; charset=UTF-8", request.getHeader("Content-Type"));

        Received received = Received.of(request);
        List<String> sent = new java.util.ArrayList<>(expectedFields);
        sent.add("sig");
        sent.add("mp_sig");
        assertEquals(sent, List.copyOf(received.raw().keySet()));
        received.isString()
                .forEach((name, isString) ->
                        assertEquals(!NUMBERS.contains(name), isString, name + " has the wrong JSON type"));
        assertEquals(String.valueOf(TS), received.raw().get("ts"));
        assertEquals(OPENID, received.raw().get("openid"));
        assertEquals(APPID, received.raw().get("appid"));
        assertEquals(OFFER_ID, received.raw().get("offer_id"));
        assertEquals("3_77", received.raw().get("zone_id"));
        assertEquals("android", received.raw().get("pf"));

        String appKey = env == Environment.SANDBOX ? SANDBOX_APP_KEY : APP_KEY;
        assertEquals(received.expectedSig(appKey), received.raw().get("sig"));
        assertEquals(received.expectedMpSig(SESSION_KEY), received.raw().get("mp_sig"));
        String otherKey = env == Environment.SANDBOX ? APP_KEY : SANDBOX_APP_KEY;
        assertNotEquals(received.expectedSig(otherKey), received.raw().get("sig"));
    }

    @Test
    void payAmountAndPresentCountsTravelAsPlainDecimalNumbers() throws Exception {
        server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"B9\",\"balance\":0,\"used_gen_amt\":0}"));
        gateway.deduct(Deduction.of(player, 9_007_199_254_740_993L, OrderNo.of("B9")), context(Environment.PRODUCTION));
        Received received = Received.of(server.takeRequest());
        assertEquals("9007199254740993", received.raw().get("amt"));
        assertEquals(received.expectedSig(APP_KEY), received.raw().get("sig"));
    }

    @Test
    void theIndependentCheckItselfMatchesThePublicVector() {
        // official-getbalance from vectors/public.json, checked with the same hand-written canonical string.
        Map<String, String> raw = new java.util.LinkedHashMap<>();
        raw.put("appid", "wx1234567");
        raw.put("offer_id", "12345678");
        raw.put("openid", "odkx20ENSNa2w5y3g_qOkOvBNM1g");
        raw.put("pf", "android");
        raw.put("ts", "1507530737");
        raw.put("zone_id", "1");
        Received r = new Received("/cgi-bin/midas/getbalance", "ACCESSTOKEN", raw, Map.of());
        String sig = r.expectedSig("zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u");
        assertEquals("1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b", sig);
        raw.put("sig", sig);
        assertEquals(
                "ff4c5bb39dea1002a8f03be0438724e1a8bcea5ebce8f221f9b9fea3bcf3bf76",
                r.expectedMpSig("V7Q38/i2KXaqrQyl2Yx9Hg=="));
    }

    @Test
    void theConfiguredPfIsSentAndSigned() throws Exception {
        CurrencyGateway ios = MidasV1.create(
                MidasV1Config.builder(MidasV1Fixture.credentials())
                        .baseUrl(server.url("/").toString())
                        .clock(MidasV1Fixture.clock())
                        .pf("ios")
                        .build(),
                new RotatingTokens(TOKEN));
        server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"g1\",\"balance\":1}"));
        ios.grant(Grant.of(player, 1, OrderNo.of("g1")), context(Environment.PRODUCTION));
        Received received = Received.of(server.takeRequest());
        assertEquals("ios", received.raw().get("pf"));
        assertEquals(received.expectedSig(APP_KEY), received.raw().get("sig"));
    }

    @Test
    void gatewaySpeaksMidasV1() {
        assertEquals(ApiVersion.MIDAS_V1, gateway.version());
    }

    static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
}
