package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.journal.OrderStatus;
import dev.midasbridge.midas.v1.MidasV1Format;
import dev.midasbridge.payv2.PayV2Format;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An order whose outcome stays unknown (the stand-in applies it, then drops every answer): the game gets -1, the
 * journal keeps it UNKNOWN; the game's retry with the same bill_no gets the journaled outcome, deducted once, in the
 * dialect it speaks, whichever version the order went to.
 */
class ExactlyOnceTest {
    private static final String TOKEN = "demo-access-token";
    private static final Secret P1_KEY = Secret.of("c2Vzc2lvbi1rZXktMQ==");

    @Test
    void midasV1GameRoutedToPayV2GetsMinusOneThenTheJournaledOutcome() throws Exception {
        try (GatewayFixture fx = GatewayFixture.start(0, null, true, 65536)) {
            fx.admin("PUT", "/admin/routing", "{\"pay_v2_percent\":100}");
            long before = fx.standIn.balance("demo-player-1");
            fx.standIn.dropAnswersAfterApplying("EO-1");
            HttpResponse<String> first = v1Pay(fx, "EO-1", 9);
            assertEquals(-1L, StrictJson.readObject(first.body()).get("errcode"), first.body());
            JournalKey key = new JournalKey(Environment.PRODUCTION, "demo-player-1", "1", "EO-1");
            assertEquals(
                    OrderStatus.UNKNOWN,
                    fx.gateway.bridge().journal().find(key).orElseThrow().status());
            assertEquals(before - 9, fx.standIn.balance("demo-player-1"), "applied upstream once");
            fx.standIn.clearFaults();
            HttpResponse<String> retry = v1Pay(fx, "EO-1", 9);
            Map<String, Object> a = StrictJson.readObject(retry.body());
            assertEquals(0L, a.get("errcode"), retry.body());
            assertEquals(before - 9, a.get("balance"));
            assertTrue(a.containsKey("used_gen_amt"), "answered in midas 1.0 form: " + retry.body());
            assertEquals(before - 9, fx.standIn.balance("demo-player-1"), "still deducted once");
            assertEquals(
                    OrderStatus.APPLIED,
                    fx.gateway.bridge().journal().find(key).orElseThrow().status());
            assertEquals(
                    "pay_v2",
                    StrictJson.readObject(fx.admin("GET", "/admin/orders?openid=demo-player-1&bill_no=EO-1", null)
                                    .body())
                            .get("version"));
        }
    }

    @Test
    void payV2GameRoutedToMidasV1ResolvedByTheReconcilerThenRetried() throws Exception {
        try (GatewayFixture fx = GatewayFixture.start(0, null, true, 65536)) {
            long before = fx.standIn.balance("demo-player-1");
            fx.standIn.dropAnswersAfterApplying("EO-2");
            HttpResponse<String> first = v2Pay(fx, "EO-2", 4);
            assertEquals(-1L, StrictJson.readObject(first.body()).get("errcode"), first.body());
            fx.standIn.clearFaults();
            HttpResponse<String> reco = fx.admin("POST", "/admin/reconcile", null);
            assertEquals(1L, StrictJson.readObject(reco.body()).get("applied"), reco.body());
            HttpResponse<String> retry = v2Pay(fx, "EO-2", 4);
            Map<String, Object> a = StrictJson.readObject(retry.body());
            assertEquals(0L, a.get("errcode"), retry.body());
            assertTrue(a.containsKey("used_present_amount"), "answered in pay_v2 form: " + retry.body());
            assertEquals(before - 4, fx.standIn.balance("demo-player-1"), "deducted once");
            String metrics = GatewayFixture.HTTP
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(fx.url("/metrics")))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertTrue(metrics.contains("bridge_unknown_outcomes_total{dialect=\"pay_v2\"} 1.0"), metrics);
        }
    }

    private static HttpResponse<String> v1Pay(GatewayFixture fx, String billNo, long amt) throws Exception {
        String path = "/cgi-bin/midas/pay";
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("openid", "demo-player-1");
        p.put("appid", "wx0000000000demo");
        p.put("offer_id", "1450000001");
        p.put("ts", System.currentTimeMillis() / 1000);
        p.put("zone_id", "1");
        p.put("pf", "android");
        p.put("amt", amt);
        p.put("bill_no", billNo);
        String sig = MidasV1Format.sig(path, p, Secret.of("demo-midas-v1-production-app-key"));
        Map<String, Object> body = new LinkedHashMap<>(p);
        body.put("sig", sig);
        body.put("mp_sig", MidasV1Format.mpSig(path, p, sig, Secret.of(TOKEN), P1_KEY));
        return fx.post(path + "?access_token=" + TOKEN, StrictJson.writeBytes(body), Map.of());
    }

    private static HttpResponse<String> v2Pay(GatewayFixture fx, String billNo, long amount) throws Exception {
        String path = "/wxa/game/pay";
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("offer_id", "1450000002");
        f.put("openid", "demo-player-1");
        f.put("ts", System.currentTimeMillis() / 1000);
        f.put("zone_id", "1");
        f.put("env", 0);
        f.put("amount", amount);
        f.put("bill_no", billNo);
        byte[] body = StrictJson.writeBytes(f);
        return fx.post(
                path + "?access_token=" + TOKEN + "&signature=" + PayV2Format.signature(body, P1_KEY)
                        + "&sig_method=hmac_sha256&pay_sig="
                        + PayV2Format.paySig(path, body, Secret.of("demo-pay-v2-production-app-key")),
                body,
                Map.of());
    }
}
