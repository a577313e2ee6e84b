package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.midas.v1.MidasV1Format;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Orders stay on the version that first saw them whatever the policy says later, and an error from the other version
 * reaches the game mapped by meaning (pay_v2 90016 "session expired" is midas 1.0's 90010, not its 90016).
 */
class TranslationTest {
    private static final Secret P1_KEY = Secret.of("c2Vzc2lvbi1rZXktMQ==");

    @Test
    void aDeductionMadeOnMidasV1IsRefundedThereAfterTheRoutingMovedToPayV2() throws Exception {
        try (GatewayFixture fx = GatewayFixture.start(0, null, true, 65536)) {
            long before = fx.standIn.balance("demo-player-1");
            Map<String, Object> paid = StrictJson.readObject(
                    v1(fx, "pay", Map.of("amt", 6L, "bill_no", "PIN-1")).body());
            assertEquals(0L, paid.get("errcode"));
            fx.admin("PUT", "/admin/routing", "{\"pay_v2_percent\":100}");
            Map<String, Object> refunded = StrictJson.readObject(
                    v1(fx, "cancelpay", Map.of("bill_no", "PIN-1")).body());
            assertEquals(0L, refunded.get("errcode"), refunded.toString());
            assertEquals("PIN-1", refunded.get("bill_no"));
            assertEquals(before, fx.standIn.balance("demo-player-1"));
            JournalEntry refund = fx.gateway
                    .bridge()
                    .journal()
                    .find(new JournalKey(
                            Environment.PRODUCTION,
                            "demo-player-1",
                            "1",
                            PaymentService.midasV1RefundOrderNo(dev.midasbridge.core.order.OrderNo.of("PIN-1"))
                                    .value()))
                    .orElseThrow();
            assertEquals(ApiVersion.MIDAS_V1, refund.version(), "the refund went where the deduction was made");
            Map<String, Object> again = StrictJson.readObject(
                    v1(fx, "cancelpay", Map.of("bill_no", "PIN-1")).body());
            assertEquals(0L, again.get("errcode"), "a retried cancelpay gets the journaled outcome: " + again);
            assertEquals(before, fx.standIn.balance("demo-player-1"), "refunded once");
        }
    }

    @Test
    void payV2SessionExpiredReachesAMidasV1GameAs90010() throws Exception {
        try (GatewayFixture fx = GatewayFixture.start(0, null, true, 65536)) {
            fx.admin("PUT", "/admin/routing", "{\"pay_v2_percent\":100}");
            fx.standIn.answerOnce("pay", 90016);
            HttpResponse<String> r = v1(fx, "pay", Map.of("amt", 2L, "bill_no", "EXP-1"));
            Map<String, Object> a = StrictJson.readObject(r.body());
            assertEquals(90010L, a.get("errcode"), r.body());
            HttpResponse<String> ready = GatewayFixture.HTTP.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(fx.url("/readyz")))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"journal\":\"ok\""), ready.body());
        }
    }

    private static HttpResponse<String> v1(GatewayFixture fx, String op, Map<String, Object> extra) throws Exception {
        String path = "/cgi-bin/midas/" + op;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("openid", "demo-player-1");
        p.put("appid", "wx0000000000demo");
        p.put("offer_id", "1450000001");
        p.put("ts", System.currentTimeMillis() / 1000);
        p.put("zone_id", "1");
        p.put("pf", "android");
        p.putAll(extra);
        String sig = MidasV1Format.sig(path, p, Secret.of("demo-midas-v1-production-app-key"));
        Map<String, Object> body = new LinkedHashMap<>(p);
        body.put("sig", sig);
        body.put("mp_sig", MidasV1Format.mpSig(path, p, sig, Secret.of("demo-access-token"), P1_KEY));
        return fx.post(path + "?access_token=demo-access-token", StrictJson.writeBytes(body), Map.of());
    }
}
