package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.payv2.PayV2Format;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile input: duplicate JSON keys, numbers where text belongs, slow clients, too many connections. */
class HostileClientsTest {
    private static GatewayFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = GatewayFixture.start(0, null, true, 65536, b -> b.idleTimeout(Duration.ofMillis(700)).maxConnections(8));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static HttpResponse<String> v2(String path, String body) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        Secret key = Secret.of("c2Vzc2lvbi1rZXktMQ==");
        return fx.post(path + "?access_token=demo-access-token&signature=" + PayV2Format.signature(b, key)
                + "&sig_method=hmac_sha256&pay_sig=" + PayV2Format.paySig(path, b,
                        Secret.of("demo-pay-v2-production-app-key")), b, Map.of());
    }

    @Test
    void duplicateKeysAreRefusedBeforeAnythingIsSent() throws Exception {
        HttpResponse<String> r = v2("/wxa/game/pay", "{\"offer_id\":\"1450000002\",\"openid\":\"demo-player-1\","
                + "\"ts\":1700000000,\"zone_id\":\"1\",\"env\":0,\"amount\":1,\"amount\":1000,\"bill_no\":\"DUP-1\"}");
        assertEquals(90018L, Json.readObject(r.body()).get("errcode"), r.body());
        assertTrue(r.headers().firstValue("X-Bridge-Diagnosis").orElse("").contains("duplicate key"), r.body());
        assertTrue(fx.gateway.bridge().journal().list(1000).isEmpty(), "nothing journaled, nothing sent");
    }

    @Test
    void aNumberWhereTextBelongsIsAParameterError() throws Exception {
        HttpResponse<String> r = v2("/wxa/game/pay", "{\"offer_id\":\"1450000002\",\"openid\":\"demo-player-1\","
                + "\"ts\":1700000000,\"zone_id\":\"1\",\"env\":0,\"amount\":1,\"bill_no\":12345}");
        Map<String, Object> a = Json.readObject(r.body());
        assertEquals(90018L, a.get("errcode"), r.body());
        assertTrue(((String) a.get("errmsg")).startsWith("[bill_no]"), r.body());
    }

    @Test
    void aSlowClientIsCutOffAtTheIdleTimeout() throws Exception {
        try (Socket s = new Socket("127.0.0.1", fx.gateway.baseUrl().getPort())) {
            s.getOutputStream().write("POST /wxa/game/pay HTTP/1.1\r\nHost: x\r\nContent-Le".getBytes(
                    StandardCharsets.US_ASCII));
            s.setSoTimeout(10_000);
            long t0 = System.nanoTime();
            InputStream in = s.getInputStream();
            byte[] rest = in.readAllBytes(); // returns when the gateway closes the connection
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 8_000, "closed after the idle timeout, took " + ms + " ms; got " + rest.length + " bytes");
        }
    }
}
