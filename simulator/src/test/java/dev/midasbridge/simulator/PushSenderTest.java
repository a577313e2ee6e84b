package dev.midasbridge.simulator;

import static dev.midasbridge.simulator.Wire.ALICE;
import static dev.midasbridge.simulator.Wire.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stand-in's push sender over real HTTP, checked by an independent receiver ({@link PushReceiver}: its own
 * SHA-1, AES and HMAC from the JDK): both modes, both formats, retries, giving up, faults, duplicates, URL
 * verification and the admin API's refusals.
 */
class PushSenderTest {
    static final String TOKEN = "push-token-123";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APPID = Wire.V1_APPID;

    private PushReceiver receiver;
    private Wire wire;

    @AfterEach
    void stop() {
        if (wire != null) {
            wire.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    static PushReceiver receiver() {
        return PushReceiver.start(TOKEN, AES_KEY, APPID, Wire.V2_KEY, Wire.V2_SANDBOX_KEY);
    }

    /** A push section for {@code url}; {@code extra} is more JSON members (with a leading comma) or "". */
    static String pushConfig(String url, String mode, String format, String extra) {
        return "{\"url\":\"" + url + "\",\"token\":\"" + TOKEN + "\",\"encoding_aes_key\":\"" + AES_KEY
                + "\",\"mode\":\"" + mode + "\",\"format\":\"" + format + "\"" + extra + "}";
    }

    private Wire start(String pushSection) {
        String config = Wire.CONFIG.replaceFirst("\\{", "{\"push\": " + pushSection + ",");
        return Wire.start(
                SimulatorConfig.parse(config), StandInServer.Options.defaults().withAdmin(true));
    }

    static Map<String, Object> admin(Wire wire, String path, String body) {
        return Wire.json(wire.post("/__admin" + path, Map.of(), body));
    }

    static int status(Wire wire, String path, String body) {
        try (Response r = wire.post("/__admin" + path, Map.of(), body)) {
            return r.code();
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> deliveries(Wire wire) {
        return (List<Map<String, Object>>)
                Wire.json(wire.get("/__admin/pushes")).get("deliveries");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> attempts(Map<String, Object> delivery) {
        return (List<Map<String, Object>>) delivery.get("attempts");
    }

    /** Waits (up to a generous deadline, never asserting on time) until every push is settled. */
    static List<Map<String, Object>> settled(Wire wire, int expected) {
        waitFor(() -> {
            List<Map<String, Object>> d = deliveries(wire);
            return d.size() >= expected
                    && d.stream().noneMatch(x -> x.get("state").equals("pending"));
        });
        return deliveries(wire);
    }

    static void waitFor(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not reached within the 30 s deadline");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static String coin(String outTradeNo, String extra) {
        return "{\"event\":\"minigame_coin_deliver_completed\",\"openid\":\"o-alice\",\"out_trade_no\":\"" + outTradeNo
                + "\",\"buy_quantity\":60" + extra + "}";
    }

    @ParameterizedTest
    @CsvSource({"plain,json", "plain,xml", "safe,json", "safe,xml"})
    void aCoinDeliveryArrivesVerifiedInEveryModeAndFormat(String mode, String format) {
        receiver = receiver();
        wire = start(pushConfig(receiver.url(), mode, format, ""));
        Map<String, Object> queued = admin(wire, "/push", coin("order-1", ",\"zone_id\":\"2\""));
        assertEquals(1, ((List<?>) queued.get("deliveries")).size());
        List<Map<String, Object>> d = settled(wire, 1);
        assertEquals("delivered", d.get(0).get("state"));
        assertEquals(1, attempts(d.get(0)).size());
        assertEquals("success", attempts(d.get(0)).get(0).get("outcome"));
        PushReceiver.Received r = receiver.received().get(0);
        assertTrue(r.valid(), r.reason());
        assertEquals(mode.equals("safe"), r.safe());
        assertEquals(format.equals("xml"), r.xml());
        assertEquals("minigame_coin_deliver_completed", r.event());
        assertFalse(r.isMock());
        assertEquals(queued.get("payload"), r.payload());
        assertEquals(queued.get("pay_event_sig"), r.payEventSig());
        Map<String, Object> payload = Wire.parse(r.payload());
        assertEquals(ALICE, payload.get("OpenId"));
        assertEquals("order-1", payload.get("OutTradeNo"));
        assertEquals(0, num(payload, "Env"));
        @SuppressWarnings("unchecked")
        Map<String, Object> coin = (Map<String, Object>) payload.get("CoinInfo");
        assertEquals("2", coin.get("ZoneId"));
        assertEquals(60, num(coin, "BuyQuantity"));
        assertEquals(600, num(coin, "ActualPrice"));
        assertEquals(600, num(coin, "TotalPrice"));
    }

    @Test
    void anItemDeliveryInTheSandboxIsSignedWithTheSandboxKeyAndCarriesTheMockFlag() {
        receiver = receiver();
        wire = start(pushConfig(receiver.url(), "safe", "json", ""));
        admin(
                wire,
                "/push",
                "{\"event\":\"minigame_game_pay_goods_deliver_notify\",\"openid\":\"o-alice\",\"out_trade_no\":\"item-1\","
                        + "\"product_id\":\"sword\",\"quantity\":2,\"orig_price\":300,\"actual_price\":250,"
                        + "\"attach\":\"a&b<c>\",\"env\":1,\"mock\":true}");
        settled(wire, 1);
        PushReceiver.Received r = receiver.received().get(0);
        assertTrue(r.valid(), r.reason());
        assertTrue(r.isMock());
        assertEquals(TestHmac.hex(Wire.V2_SANDBOX_KEY, r.event() + "&" + r.payload()), r.payEventSig());
        Map<String, Object> payload = Wire.parse(r.payload());
        assertEquals(1, num(payload, "Env"));
        @SuppressWarnings("unchecked")
        Map<String, Object> goods = (Map<String, Object>) payload.get("GoodsInfo");
        assertEquals("sword", goods.get("ProductId"));
        assertEquals(2, num(goods, "Quantity"));
        assertEquals(250, num(goods, "ActualPrice"));
        assertEquals("a&b<c>", goods.get("Attach"));
        assertEquals(1, num(goods, "OrderSource"));
        assertEquals(PushMessage.OFFICIAL_OPENID, r.fromUserName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void aRefundAndARawPayloadOfAnyEventAreSignedOverTheExactPayload(String format) {
        receiver = receiver();
        wire = start(pushConfig(receiver.url(), "plain", format, ""));
        admin(
                wire,
                "/push",
                "{\"event\":\"minigame_pay_refund_succ_notify\",\"out_trade_no\":\"order-9\",\"refund_amount\":70}");
        admin(
                wire,
                "/push",
                "{\"event\":\"some_future_event\",\"payload\":\"{\\\"Env\\\":1, \\\"X\\\":\\\"]]>\\\"}\"}");
        settled(wire, 2);
        List<PushReceiver.Received> got = receiver.received();
        assertEquals(2, got.size());
        assertTrue(got.get(0).valid() && got.get(1).valid(), got.toString());
        PushReceiver.Received refund = got.stream()
                .filter(r -> r.event().equals("minigame_pay_refund_succ_notify"))
                .findFirst()
                .orElseThrow();
        PushReceiver.Received raw = got.stream()
                .filter(r -> r.event().equals("some_future_event"))
                .findFirst()
                .orElseThrow();
        assertEquals(70, num(Wire.parse(refund.payload()), "RefundAmount"));
        assertEquals("{\"Env\":1, \"X\":\"]]>\"}", raw.payload());
    }

    @Test
    void aPushThatFailsTwiceIsRetriedAndDeliveredOnTheThirdAttempt() {
        receiver = receiver().failFirst(2);
        wire = start(pushConfig(receiver.url(), "safe", "xml", ",\"retry_intervals_ms\":[1,1,1,1,1]"));
        admin(wire, "/push", coin("order-r", ""));
        List<Map<String, Object>> d = settled(wire, 1);
        assertEquals("delivered", d.get(0).get("state"));
        List<Map<String, Object>> a = attempts(d.get(0));
        assertEquals(3, a.size());
        assertEquals("failure", a.get(0).get("outcome"));
        assertEquals("ErrCode 1", a.get(0).get("detail"));
        assertEquals("failure", a.get(1).get("outcome"));
        assertEquals("success", a.get(2).get("outcome"));
        assertEquals(3, receiver.received().size());
        assertEquals(
                1,
                receiver.received().stream()
                        .map(PushReceiver.Received::payload)
                        .distinct()
                        .count());
    }

    @Test
    void aPushNeverAnsweredWithSuccessIsGivenUpAfterTheScheduleAndRecorded() {
        receiver = receiver().alwaysFail();
        wire = start(pushConfig(receiver.url(), "plain", "json", ",\"retry_intervals_ms\":[1,2]"));
        admin(wire, "/push", coin("order-g", ""));
        List<Map<String, Object>> d = settled(wire, 1);
        assertEquals("gave_up", d.get(0).get("state"));
        assertEquals(3, attempts(d.get(0)).size());
        assertEquals(3, receiver.received().size());
        assertEquals(0, num(Wire.json(wire.get("/__admin/pushes")), "pending"));
    }

    @Test
    void theDocumentedSchedulesCompressedGiveThirteenCoinAttemptsAndSixteenItemAttempts() {
        receiver = receiver().alwaysFail();
        wire = start(pushConfig(receiver.url(), "plain", "json", ",\"time_scale\":1000000"));
        admin(wire, "/push", coin("order-s", ""));
        admin(
                wire,
                "/push",
                "{\"event\":\"minigame_game_pay_goods_deliver_notify\",\"openid\":\"o-alice\",\"out_trade_no\":\"i-s\","
                        + "\"product_id\":\"p\"}");
        List<Map<String, Object>> d = settled(wire, 2);
        assertEquals(13, attempts(d.get(0)).size());
        assertEquals(13, num(d.get(0), "max_attempts"));
        assertEquals(16, attempts(d.get(1)).size());
        assertEquals("gave_up", d.get(1).get("state"));
    }

    @Test
    void otherAnswersThanErrCodeZeroAreFailures() {
        assertTrue(PushSender.successProblem("{\"ErrCode\":0,\"ErrMsg\":\"Success\"}".getBytes())
                .isEmpty());
        assertTrue(PushSender.successProblem("<xml><ErrCode>0</ErrCode><ErrMsg>Success</ErrMsg></xml>".getBytes())
                .isEmpty());
        for (String bad : List.of(
                "success",
                "",
                "{\"ErrCode\":\"0\"}",
                "{\"errcode\":0}",
                "{\"ErrCode\":99999,\"ErrMsg\":\"internal error\"}",
                "<xml><ErrCode>1</ErrCode></xml>",
                "<!DOCTYPE x [<!ENTITY e \"0\">]><xml><ErrCode>&e;</ErrCode></xml>",
                "{\"ErrCode\":0")) {
            assertTrue(PushSender.successProblem(bad.getBytes()).isPresent(), bad);
        }
    }

    @Test
    void anUnreachableUrlIsAnErrorRetriedThenGivenUp() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        wire = start(pushConfig("http://127.0.0.1:" + port + "/push", "plain", "json", ",\"retry_intervals_ms\":[1]"));
        admin(wire, "/push", coin("order-u", ""));
        List<Map<String, Object>> d = settled(wire, 1);
        assertEquals("gave_up", d.get(0).get("state"));
        assertEquals(2, attempts(d.get(0)).size());
        assertEquals("error", attempts(d.get(0)).get(0).get("outcome"));
    }

    @Test
    void anAnswerLaterThanTheTimeoutIsAnErrorAndThePushIsSentAgain() {
        receiver = receiver().stallFirst(1, 3000);
        wire = start(pushConfig(receiver.url(), "plain", "json", ",\"timeout_ms\":300,\"retry_intervals_ms\":[1]"));
        admin(wire, "/push", coin("order-slow", ""));
        List<Map<String, Object>> d = settled(wire, 1);
        assertEquals("delivered", d.get(0).get("state"));
        List<Map<String, Object>> a = attempts(d.get(0));
        assertEquals(2, a.size());
        assertEquals("error", a.get(0).get("outcome"));
        assertEquals("no answer within 300 ms", a.get(0).get("detail"));
        assertEquals(-1, num(a.get(0), "status"));
        assertEquals("success", a.get(1).get("outcome"));
    }

    @ParameterizedTest
    @CsvSource({
        "plain,json,pay_event_sig,PayEventSig",
        "plain,xml,payload,PayEventSig",
        "plain,json,env_key,PayEventSig",
        "plain,xml,signature,signature",
        "safe,json,msg_signature,msg_signature",
        "safe,xml,encrypt,",
        "safe,json,appid,appid",
        "safe,xml,pay_event_sig,PayEventSig"
    })
    void everyTamperedPushIsRefusedByAnIndependentVerifier(String mode, String format, String tamper, String reason) {
        receiver = receiver();
        wire = start(pushConfig(receiver.url(), mode, format, ",\"max_attempts\":2,\"retry_intervals_ms\":[1]"));
        admin(wire, "/push", coin("order-t", ",\"tamper\":\"" + tamper + "\""));
        List<Map<String, Object>> d = settled(wire, 1);
        assertEquals("gave_up", d.get(0).get("state"));
        assertEquals(tamper, d.get(0).get("tamper"));
        assertEquals(2, receiver.received().size());
        for (PushReceiver.Received r : receiver.received()) {
            assertFalse(r.valid(), tamper + " was accepted");
            if (reason != null) {
                assertEquals(reason, r.reason());
            }
        }
        if (tamper.equals("payload")) {
            String sent = (String) d.get(0).get("payload");
            assertEquals(61, num((Map<String, Object>) Wire.parse(sent).get("CoinInfo"), "BuyQuantity"));
        }
    }

    @Test
    void anUntamperedPushWithTheSameSettingsIsAccepted() {
        // the control for the tamper test: the same settings without a fault pass the same verifier
        receiver = receiver();
        wire = start(pushConfig(receiver.url(), "safe", "xml", ",\"max_attempts\":2,\"retry_intervals_ms\":[1]"));
        admin(wire, "/push", coin("order-t", ",\"tamper\":\"none\""));
        assertEquals("delivered", settled(wire, 1).get(0).get("state"));
        assertTrue(receiver.received().get(0).valid());
    }

    @Test
    void duplicatesArriveAsManyTimesAsAskedEachIdentical() {
        receiver = receiver();
        wire = start(pushConfig(receiver.url(), "safe", "json", ""));
        Map<String, Object> queued = admin(wire, "/push", coin("order-d", ",\"duplicate\":4"));
        assertEquals(4, ((List<?>) queued.get("deliveries")).size());
        List<Map<String, Object>> d = settled(wire, 4);
        assertEquals(4, d.size());
        d.forEach(x -> assertEquals("delivered", x.get("state")));
        List<PushReceiver.Received> got = receiver.received();
        assertEquals(4, got.size());
        assertTrue(got.stream().allMatch(PushReceiver.Received::valid));
        assertEquals(
                1, got.stream().map(PushReceiver.Received::payload).distinct().count());
        assertEquals(
                1,
                got.stream().map(PushReceiver.Received::createTime).distinct().count());
        assertEquals(4, num(d.get(3), "copies"));
    }

    @Test
    void urlVerificationEchoesOnlyForACorrectSignature() {
        receiver = receiver();
        wire = start(pushConfig(receiver.url(), "safe", "json", ""));
        Map<String, Object> ok = admin(wire, "/push/verify_url", "{\"echostr\":\"hello-123\"}");
        assertEquals(Boolean.TRUE, ok.get("echoed"), ok.toString());
        assertEquals("hello-123", ok.get("answer"));
        Map<String, Object> bad = admin(wire, "/push/verify_url", "{\"tamper\":true}");
        assertEquals(Boolean.FALSE, bad.get("echoed"), bad.toString());
        assertEquals(List.of("hello-123", "refused"), receiver.verifications());
    }

    @Test
    void thePushUrlCanBeSetAfterStartAndIsReadBack() {
        receiver = receiver();
        wire = Wire.start(StandInServer.Options.defaults().withAdmin(true));
        assertEquals(409, status(wire, "/push", coin("order-c", "")));
        assertEquals(Boolean.FALSE, Wire.json(wire.get("/__admin/push/config")).get("configured"));
        Map<String, Object> set = admin(wire, "/push/config", pushConfig(receiver.url(), "plain", "xml", ""));
        assertEquals(Boolean.TRUE, set.get("configured"));
        assertEquals("xml", set.get("format"));
        assertFalse(set.toString().contains(TOKEN), "the token is never shown");
        assertFalse(set.toString().contains(AES_KEY), "the EncodingAESKey is never shown");
        admin(wire, "/push", coin("order-c", ""));
        assertEquals("delivered", settled(wire, 1).get(0).get("state"));
        assertTrue(receiver.received().get(0).xml());
    }

    @Test
    void theInProcessAdminPushesAndReadsTheRecordWithoutTheHttpAdminApi() {
        receiver = receiver();
        wire = Wire.start();
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> wire.admin().push(coin("order-i", "")));
        wire.admin().configurePush(pushConfig(receiver.url(), "plain", "json", ""));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> wire.admin().push(coin("order-i", ",\"colour\":1")));
        Map<String, Object> queued = Wire.parse(wire.admin().push(coin("order-i", "")));
        assertEquals(List.of("p-1"), queued.get("deliveries"));
        waitFor(() -> wire.admin().pendingPushes() == 0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> d =
                (List<Map<String, Object>>) Wire.parse(wire.admin().pushes()).get("deliveries");
        assertEquals("delivered", d.get(0).get("state"));
        assertTrue(receiver.received().get(0).valid());
    }

    @Test
    void badPushSettingsAndRequestsAre400NamingTheField() {
        receiver = receiver();
        wire = Wire.start(StandInServer.Options.defaults().withAdmin(true));
        String url = receiver.url();
        assertRefused("/push/config", pushConfig(url, "plain", "json", ",\"colour\":\"red\""), "colour");
        assertRefused("/push/config", pushConfig(url, "secret", "json", ""), "mode");
        assertRefused("/push/config", pushConfig(url, "plain", "yaml", ""), "format");
        assertRefused(
                "/push/config", pushConfig(url, "plain", "json", "").replace(AES_KEY, "short"), "encoding_aes_key");
        assertRefused("/push/config", pushConfig("ftp://x/y", "plain", "json", ""), "url");
        assertRefused("/push/config", pushConfig(url, "plain", "json", ",\"max_attempts\":0"), "max_attempts");
        admin(wire, "/push/config", pushConfig(url, "plain", "json", ""));
        assertRefused("/push", coin("o", ",\"colour\":1"), "colour");
        assertRefused("/push", coin("o", ",\"tamper\":\"msg_signature\""), "safe mode");
        assertRefused("/push", coin("o", ",\"tamper\":\"everything\""), "tamper");
        assertRefused("/push", coin("o", ",\"duplicate\":1000"), "duplicate");
        assertRefused(
                "/push", "{\"event\":\"minigame_coin_deliver_completed\",\"openid\":\"o-alice\"}", "out_trade_no");
        assertRefused("/push", "{\"event\":\"something_else\",\"openid\":\"o-alice\"}", "payload");
        assertRefused("/push", "not json", "JSON");
        assertTrue(deliveries(wire).isEmpty());
    }

    @Test
    void aPushSectionInTheConfigurationIsCheckedLikeTheRest() {
        String bad = Wire.CONFIG.replaceFirst(
                "\\{", "{\"push\": " + pushConfig("http://127.0.0.1:1/p", "plain", "json", ",\"colour\":1") + ",");
        InvalidConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidConfigException.class, () -> SimulatorConfig.parse(bad));
        assertTrue(e.getMessage().contains("push.colour"), e.getMessage());
        String good = Wire.CONFIG.replaceFirst(
                "\\{", "{\"push\": " + pushConfig("http://127.0.0.1:1/p", "safe", "xml", "") + ",");
        SimulatorConfig config = SimulatorConfig.parse(good);
        assertTrue(config.push().isPresent());
        assertFalse(config.push().get().toString().contains(TOKEN));
        assertFalse(config.push().get().toString().contains(AES_KEY));
    }

    private void assertRefused(String path, String body, String mention) {
        try (Response r = wire.post("/__admin" + path, Map.of(), body)) {
            assertEquals(400, r.code(), body);
            String text = r.body().string();
            assertTrue(text.contains(mention), text);
            assertTrue(text.startsWith("{\"error\":"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theQueueIsBoundedAndAFullQueueIs503() {
        receiver = receiver().alwaysFail();
        wire = start(pushConfig(receiver.url(), "plain", "json", ",\"max_pending\":3,\"retry_intervals_ms\":[600000]"));
        admin(wire, "/push", coin("q-1", ",\"duplicate\":3"));
        assertEquals(503, status(wire, "/push", coin("q-2", "")));
        waitFor(() -> receiver.received().size() == 3);
        assertEquals(3, num(Wire.json(wire.get("/__admin/pushes")), "pending"));
        assertEquals(3, deliveries(wire).size());
    }

    @Test
    void eachAttemptHasFreshQueryParametersButTheSameMessage() {
        receiver = receiver().failFirst(1);
        wire = start(pushConfig(receiver.url(), "safe", "json", ",\"retry_intervals_ms\":[1]"));
        admin(wire, "/push", coin("order-f", ""));
        settled(wire, 1);
        List<PushReceiver.Received> got = receiver.received();
        assertEquals(2, got.size());
        assertEquals(got.get(0).payEventSig(), got.get(1).payEventSig());
        assertNotEquals(null, got.get(0).toUserName());
    }
}
