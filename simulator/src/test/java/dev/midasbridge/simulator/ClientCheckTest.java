package dev.midasbridge.simulator;

import static dev.midasbridge.simulator.Wire.ALICE;
import static dev.midasbridge.simulator.Wire.ALICE_KEY;
import static dev.midasbridge.simulator.Wire.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client check endpoints over real HTTP: a correct form passes; each single-field fault gets the client's error
 * code naming the field; completing a payment credits coins and pushes the delivery event to an independent receiver.
 */
class ClientCheckTest {
    static final JsonAdapter<Map<String, Object>> MAP =
            new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    static final String GAME_ITEM = "requestMidasPaymentGameItem";
    static final String PAYMENT = "requestMidasPayment";

    private PushReceiver receiver;
    private Wire wire = Wire.start(StandInServer.Options.defaults().withAdmin(true));

    @AfterEach
    void stop() {
        wire.close();
        if (receiver != null) {
            receiver.close();
        }
    }

    /** The item signData of the wx.requestMidasPaymentGameItem page's example, with the test app's 2.0 offer. */
    static LinkedHashMap<String, Object> itemData() {
        LinkedHashMap<String, Object> d = new LinkedHashMap<>();
        d.put("mode", "goods");
        d.put("offerId", Wire.V2_OFFER);
        d.put("buyQuantity", 1);
        d.put("env", 0);
        d.put("currencyType", "CNY");
        d.put("platform", "android");
        d.put("zoneId", "1");
        d.put("productId", "testproductId");
        d.put("goodsPrice", 10);
        d.put("outTradeNo", "order-0001");
        d.put("attach", "testdata");
        return d;
    }

    static LinkedHashMap<String, Object> coinData() {
        LinkedHashMap<String, Object> d = new LinkedHashMap<>();
        d.put("offerId", Wire.V2_OFFER);
        d.put("buyQuantity", 60);
        d.put("env", 0);
        d.put("currencyType", "CNY");
        d.put("platform", "android");
        d.put("zoneId", "1");
        d.put("outTradeNo", "coin-0001");
        d.put("attach", "x");
        return d;
    }

    /** The object passed to the wx API: signData as text, paySig and signature made with the JDK's Mac. */
    static Map<String, Object> signed(String api, String signData, String appKey, String sessionKey) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("signData", signData);
        p.put("paySig", TestHmac.hex(appKey, api + "&" + signData));
        p.put("signature", TestHmac.hex(sessionKey, signData));
        return p;
    }

    static Map<String, Object> signed(String api, Map<String, Object> data) {
        return signed(api, MAP.toJson(data), Wire.V2_KEY, ALICE_KEY);
    }

    Map<String, Object> check(String api, String openid, Object params, boolean complete) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("openid", openid);
        body.put("params", params);
        body.put("complete", complete);
        return Wire.json(wire.post("/__client/" + api, Map.of(), MAP.toJson(body)));
    }

    Map<String, Object> check(String api, Object params) {
        return check(api, ALICE, params, false);
    }

    static void refused(Map<String, Object> answer, long code, String field) {
        assertEquals(code, num(answer, "errCode"), answer.toString());
        assertEquals(field, answer.get("field"), answer.toString());
        assertTrue(((String) answer.get("errMsg")).contains(":fail "), answer.toString());
    }

    @Test
    void theDocumentedItemFormPasses() {
        Map<String, Object> ok = check(GAME_ITEM, signed(GAME_ITEM, itemData()));
        assertEquals(0, num(ok, "errCode"), ok.toString());
        assertEquals("requestMidasPaymentGameItem:ok", ok.get("errMsg"));
        assertEquals("pay_v2_signed", ok.get("form"));
        assertEquals("order-0001", ok.get("out_trade_no"));
        assertEquals(Boolean.FALSE, ok.get("completed"));
    }

    @Test
    void eachSingleFieldFaultOfTheItemFormIsRefusedNamingIt() {
        String data = MAP.toJson(itemData());
        Map<String, Object> good = signed(GAME_ITEM, data, Wire.V2_KEY, ALICE_KEY);

        Map<String, Object> p = new LinkedHashMap<>(good);
        p.put("paySig", PushSender.flipHex((String) good.get("paySig")));
        refused(check(GAME_ITEM, p), -15014, "paySig");

        p = new LinkedHashMap<>(good);
        p.put("signature", PushSender.flipHex((String) good.get("signature")));
        refused(check(GAME_ITEM, p), -15012, "signature");

        p = new LinkedHashMap<>(good);
        p.put("signData", data.replace("\"buyQuantity\":1", "\"buyQuantity\":2"));
        refused(check(GAME_ITEM, p), -15014, "paySig");

        p = new LinkedHashMap<>(good);
        p.put("paySig", ((String) good.get("paySig")).toUpperCase());
        Map<String, Object> upper = check(GAME_ITEM, p);
        refused(upper, -15014, "paySig");
        assertTrue(((String) upper.get("errMsg")).contains("uppercase"), upper.toString());

        p = new LinkedHashMap<>(good);
        p.remove("signature");
        refused(check(GAME_ITEM, p), -15001, "signature");

        p = new LinkedHashMap<>(good);
        p.put("signData", itemData());
        refused(check(GAME_ITEM, p), -15011, "signData");

        p = new LinkedHashMap<>(good);
        p.put("signData", "{not json");
        refused(check(GAME_ITEM, p), -15002, "signData");

        // a field changed and everything re-signed correctly: the field's own rule refuses it
        refused(
                check(GAME_ITEM, signed(GAME_ITEM, with(itemData(), "offerId", Wire.V1_OFFER))),
                -15002,
                "signData.offerId");
        refused(
                check(GAME_ITEM, signed(GAME_ITEM, with(itemData(), "currencyType", "USD"))),
                -15006,
                "signData.currencyType");
        refused(
                check(GAME_ITEM, signed(GAME_ITEM, with(itemData(), "buyQuantity", "1"))),
                -15011,
                "signData.buyQuantity");
        refused(
                check(GAME_ITEM, signed(GAME_ITEM, with(itemData(), "buyQuantity", 0))),
                -15002,
                "signData.buyQuantity");
        refused(check(GAME_ITEM, signed(GAME_ITEM, with(itemData(), "zoneId", 1))), -15011, "signData.zoneId");
        refused(check(GAME_ITEM, signed(GAME_ITEM, with(itemData(), "env", 2))), -15002, "signData.env");
        refused(check(GAME_ITEM, signed(GAME_ITEM, with(itemData(), "mode", "game"))), -15002, "signData.mode");
        refused(check(GAME_ITEM, signed(GAME_ITEM, with(itemData(), "platform", "ios"))), -15002, "signData.platform");
        refused(check(GAME_ITEM, signed(GAME_ITEM, without(itemData(), "productId"))), -15001, "signData.productId");
        refused(check(GAME_ITEM, signed(GAME_ITEM, without(itemData(), "goodsPrice"))), -15001, "signData.goodsPrice");
        refused(
                check(GAME_ITEM, signed(GAME_ITEM, with(itemData(), "outTradeNo", "_order"))),
                -15002,
                "signData.outTradeNo");
        refused(
                check(GAME_ITEM, signed(GAME_ITEM, with(itemData(), "outTradeNo", "o".repeat(33)))),
                -15002,
                "signData.outTradeNo");
        refused(
                check(GAME_ITEM, signed(GAME_ITEM, with(itemData(), "outTradeNo", "a b"))),
                -15002,
                "signData.outTradeNo");
        assertEquals(
                0, num(check(GAME_ITEM, signed(GAME_ITEM, with(itemData(), "outTradeNo", "a|b*c@d-e_f"))), "errCode"));
    }

    @Test
    void keyMistakesAreDiagnosed() {
        String sandboxData = MAP.toJson(with(itemData(), "env", 1));
        Map<String, Object> prodKeyForSandbox = signed(GAME_ITEM, sandboxData, Wire.V2_KEY, ALICE_KEY);
        Map<String, Object> a = check(GAME_ITEM, prodKeyForSandbox);
        refused(a, -15014, "paySig");
        assertTrue(((String) a.get("errMsg")).contains("production AppKey"), a.toString());
        assertEquals(
                0, num(check(GAME_ITEM, signed(GAME_ITEM, sandboxData, Wire.V2_SANDBOX_KEY, ALICE_KEY)), "errCode"));

        String data = MAP.toJson(itemData());
        Map<String, Object> v1Key = signed(GAME_ITEM, data, Wire.V1_KEY, ALICE_KEY);
        assertTrue(((String) check(GAME_ITEM, v1Key).get("errMsg")).contains("midas 1.0 AppKey"));
        Map<String, Object> otherApi = signed(PAYMENT, data, Wire.V2_KEY, ALICE_KEY);
        otherApi.put("signature", TestHmac.hex(ALICE_KEY, data));
        assertTrue(((String) check(GAME_ITEM, otherApi).get("errMsg")).contains("\"requestMidasPayment&\""));

        Map<String, Object> decoded = signed(GAME_ITEM, data, Wire.V2_KEY, ALICE_KEY);
        decoded.put(
                "signature",
                TestHmac.hex(
                        java.util.Base64.getDecoder().decode(ALICE_KEY),
                        data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Map<String, Object> d = check(GAME_ITEM, decoded);
        refused(d, -15012, "signature");
        assertTrue(((String) d.get("errMsg")).contains("base64-decoded"), d.toString());
    }

    @Test
    void aStaleOrMissingSessionIsSessionKeyExpired() {
        Map<String, Object> params = signed(GAME_ITEM, itemData());
        wire.admin().rotateSessionKey(ALICE, Secret.of("a-fresh-session-key"));
        refused(check(GAME_ITEM, params), -15015, "signature");
        refused(check(GAME_ITEM, "o-nobody", params, false), -15015, "signature");
        Map<String, Object> fresh = signed(GAME_ITEM, MAP.toJson(itemData()), Wire.V2_KEY, "a-fresh-session-key");
        assertEquals(0, num(check(GAME_ITEM, fresh), "errCode"));
    }

    @Test
    void requestMidasPaymentTakesThePlainFormOfEitherVersionAndTheSignedForm() {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("mode", "game");
        plain.put("env", 0);
        plain.put("offerId", Wire.V2_OFFER);
        plain.put("currencyType", "CNY");
        plain.put("platform", "android");
        plain.put("buyQuantity", 10);
        plain.put("zoneId", "1");
        plain.put("outTradeNo", "plain-1");
        Map<String, Object> v2 = check(PAYMENT, plain);
        assertEquals(0, num(v2, "errCode"), v2.toString());
        assertEquals("pay_v2_plain", v2.get("form"));
        Map<String, Object> v1 = check(PAYMENT, with(without(plain, "outTradeNo"), "offerId", Wire.V1_OFFER));
        assertEquals("midas_v1_plain", v1.get("form"), v1.toString());
        assertEquals("midas_v1", v1.get("version"));
        refused(check(PAYMENT, with(plain, "zoneId", 1)), -15011, "zoneId");
        refused(check(PAYMENT, with(plain, "mode", "goods")), -15002, "mode");
        refused(check(PAYMENT, with(plain, "offerId", "999")), -15002, "offerId");
        refused(check(PAYMENT, without(plain, "buyQuantity")), -15001, "buyQuantity");

        Map<String, Object> s = check(PAYMENT, signed(PAYMENT, coinData()));
        assertEquals(0, num(s, "errCode"), s.toString());
        assertEquals("pay_v2_signed", s.get("form"));
        refused(check(PAYMENT, signed(GAME_ITEM, MAP.toJson(coinData()), Wire.V2_KEY, ALICE_KEY)), -15014, "paySig");
    }

    @Test
    void completingACoinPurchaseCreditsTheCoinsAndPushesTheDeliveryOnce() {
        receiver = PushSenderTest.receiver();
        wire.admin().configurePush(PushSenderTest.pushConfig(receiver.url(), "safe", "json", ""));
        long before = wire.admin().balance(Environment.PRODUCTION, ALICE, "1").balance();
        Map<String, Object> done = check(PAYMENT, ALICE, signed(PAYMENT, coinData()), true);
        assertEquals(0, num(done, "errCode"), done.toString());
        assertEquals(Boolean.TRUE, done.get("completed"));
        assertEquals(before + 60, num(done, "balance"));
        assertEquals("minigame_coin_deliver_completed", done.get("event"));
        assertEquals(1, ((List<?>) done.get("pushes")).size());
        assertEquals(
                before + 60,
                wire.admin().balance(Environment.PRODUCTION, ALICE, "1").balance());
        PushSenderTest.waitFor(() -> receiver.received().size() == 1);
        PushReceiver.Received r = receiver.received().get(0);
        assertTrue(r.valid(), r.reason());
        Map<String, Object> payload = Wire.parse(r.payload());
        assertEquals("coin-0001", payload.get("OutTradeNo"));
        assertEquals(ALICE, payload.get("OpenId"));
        refused(check(PAYMENT, ALICE, signed(PAYMENT, coinData()), true), -15003, "outTradeNo");
        assertEquals(
                before + 60,
                wire.admin().balance(Environment.PRODUCTION, ALICE, "1").balance());
        Map<String, Object> order =
                wire.v2("queryorderinfo", ALICE, 0, Wire.extra("out_trade_no", "coin-0001", "biz_id", 1));
        assertEquals(0, Wire.errcode(order), order.toString());
        assertEquals(2, num(order, "pay_state"));
        assertEquals(2, num(order, "deliver_state"));
        @SuppressWarnings("unchecked")
        Map<String, Object> payInfo = (Map<String, Object>) payload.get("WeChatPayInfo");
        assertEquals(payInfo.get("TransactionId"), order.get("transaction_id"));
    }

    @Test
    void completingAnItemPurchasePushesTheItemDeliveryAndALeftOutOutTradeNoIsFilledWithAnUnderscore() {
        receiver = PushSenderTest.receiver();
        wire.admin().configurePush(PushSenderTest.pushConfig(receiver.url(), "plain", "xml", ""));
        Map<String, Object> done = check(
                GAME_ITEM, ALICE, signed(GAME_ITEM, with(without(itemData(), "outTradeNo"), "buyQuantity", 3)), true);
        assertEquals(0, num(done, "errCode"), done.toString());
        assertEquals(Boolean.TRUE, done.get("out_trade_no_filled"));
        String filled = (String) done.get("out_trade_no");
        assertTrue(filled.startsWith("_"), filled);
        PushSenderTest.waitFor(() -> receiver.received().size() == 1);
        PushReceiver.Received r = receiver.received().get(0);
        assertTrue(r.valid(), r.reason());
        assertEquals("minigame_game_pay_goods_deliver_notify", r.event());
        Map<String, Object> payload = Wire.parse(r.payload());
        assertEquals(filled, payload.get("OutTradeNo"));
        @SuppressWarnings("unchecked")
        Map<String, Object> goods = (Map<String, Object>) payload.get("GoodsInfo");
        assertEquals(3, num(goods, "Quantity"));
        assertEquals(30, num(goods, "ActualPrice"));
        assertEquals("testdata", goods.get("Attach"));
        // the push was acknowledged: queryorderinfo reports the item paid and delivered
        PushSenderTest.waitFor(
                () -> "delivered".equals(PushSenderTest.deliveries(wire).get(0).get("state")));
        Map<String, Object> order =
                wire.v2("queryorderinfo", ALICE, 0, Wire.extra("out_trade_no", filled, "biz_id", 2));
        assertEquals(2, num(order, "pay_state"), order.toString());
        assertEquals(2, num(order, "deliver_state"));
        assertEquals("testproductId", order.get("product_id"));
    }

    @Test
    void withoutAPushUrlAPaymentCompletesAndSaysNothingWasPushed() {
        Map<String, Object> done = check(GAME_ITEM, ALICE, signed(GAME_ITEM, itemData()), true);
        assertEquals(0, num(done, "errCode"), done.toString());
        assertTrue(((String) done.get("push_note")).contains("no push URL"));
        Map<String, Object> order =
                wire.v2("queryorderinfo", ALICE, 0, Wire.extra("out_trade_no", "order-0001", "biz_id", 2));
        assertEquals(2, num(order, "pay_state"), order.toString());
        assertEquals(1, num(order, "deliver_state"), "not delivered: nothing was pushed");
    }

    @Test
    void hostileRequestsGetCleanJsonErrors() throws IOException {
        for (String body : List.of(
                "{",
                "[]",
                "{\"openid\":\"o-alice\"}",
                "{\"openid\":1,\"params\":{}}",
                "{\"openid\":\"o-alice\",\"params\":{},\"extra\":1}",
                "{\"openid\":\"o-alice\",\"params\":{},\"complete\":\"yes\"}",
                "{\"openid\":\"o-alice\",\"openid\":\"o-bob\",\"params\":{}}")) {
            try (Response r = wire.post("/__client/" + GAME_ITEM, Map.of(), body)) {
                assertEquals(400, r.code(), body);
                Map<String, Object> m = Wire.parse(r.body().string());
                assertEquals(1000, num(m, "errCode"), body);
                assertTrue(m.containsKey("field"));
            }
        }
        try (Response r = wire.post("/__client/" + GAME_ITEM, Map.of(), "{\"x\":\"" + "a".repeat(70_000) + "\"}")) {
            assertEquals(413, r.code());
            assertTrue(r.body().string().startsWith("{"));
        }
        try (Response r = wire.post("/__client/requestSomethingElse", Map.of(), "{}")) {
            assertEquals(404, r.code());
        }
        try (Response r = wire.get("/__client/" + GAME_ITEM)) {
            assertEquals(405, r.code());
            assertTrue(r.body().string().startsWith("{"));
        }
        try (Wire off = Wire.start()) {
            try (Response r = off.post("/__client/" + GAME_ITEM, Map.of(), "{}")) {
                assertEquals(404, r.code(), "the client endpoints are off with the admin API");
            }
        }
        assertFalse(check(GAME_ITEM, Map.of()).toString().contains("Exception"));
    }

    static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
        Map<String, Object> out = new LinkedHashMap<>(m);
        out.put(k, v);
        return out;
    }

    static Map<String, Object> without(Map<String, Object> m, String k) {
        Map<String, Object> out = new LinkedHashMap<>(m);
        out.remove(k);
        return out;
    }

    static String json(Map<String, Object> m) {
        try {
            return MAP.toJson(m);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
