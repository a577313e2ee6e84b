package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.midas.v1.MidasV1Format;
import dev.midasbridge.payv2.PayV2Format;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway checks what it is sent as the real API would (tampered, wrong-environment, re-serialised and missing
 * signatures; unknown, stale and header-given session keys), forwards unknown paths byte for byte, captures
 * session keys from jscode2session, caps bodies, and serves health, metrics and a guarded admin API. A small local
 * upstream stands behind the forwarded paths; the stand-in behind the payment paths.
 */
class GatewayChecksTest {
    private static final String APPID = "wx0000000000demo";
    private static final String V1_OFFER = "1450000001";
    private static final String V2_OFFER = "1450000002";
    private static final Secret V1_KEY = Secret.of("demo-midas-v1-production-app-key");
    private static final Secret V1_SANDBOX_KEY = Secret.of("demo-midas-v1-sandbox-app-key");
    private static final Secret V2_KEY = Secret.of("demo-pay-v2-production-app-key");
    private static final Secret V2_SANDBOX_KEY = Secret.of("demo-pay-v2-sandbox-app-key");
    private static final String TOKEN = "demo-access-token";
    private static final String P1 = "demo-player-1";
    private static final Secret P1_KEY = Secret.of("c2Vzc2lvbi1rZXktMQ==");

    private static HttpServer upstream;
    private static final List<String> seen = new CopyOnWriteArrayList<>();
    private static final byte[] BINARY = new byte[300];
    private static GatewayFixture fx;

    @BeforeAll
    static void start() throws IOException {
        for (int i = 0; i < BINARY.length; i++) {
            BINARY[i] = (byte) (i * 7);
        }
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath() + "?"
                    + ex.getRequestURI().getRawQuery() + " ct="
                    + ex.getRequestHeaders().getFirst("Content-Type")
                    + " body=" + new String(body, StandardCharsets.ISO_8859_1));
            byte[] answer;
            String type;
            if (ex.getRequestURI().getPath().equals("/sns/jscode2session")) {
                String q = ex.getRequestURI().getQuery();
                answer = q.contains("js_code=good")
                        ? ("{\"session_key\":\"" + P1_KEY.reveal() + "\",\"openid\":\"" + P1 + "\"}")
                                .getBytes(StandardCharsets.UTF_8)
                        : "{\"errcode\":40029,\"errmsg\":\"invalid code\"}".getBytes(StandardCharsets.UTF_8);
                type = "text/plain";
            } else {
                answer = BINARY;
                type = "application/x-test";
            }
            ex.getResponseHeaders().add("Content-Type", type);
            ex.getResponseHeaders().add("X-Upstream", "yes");
            ex.sendResponseHeaders(201, answer.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(answer);
            }
        });
        upstream.start();
        fx = GatewayFixture.start(0, "http://127.0.0.1:" + upstream.getAddress().getPort(), true, 4096);
    }

    @AfterAll
    static void stop() {
        fx.close();
        upstream.stop(0);
    }

    // ---------------------------------------------------------------- helpers: a correct client, then break it

    private static Map<String, Object> v1Params(String openid, Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("openid", openid);
        p.put("appid", APPID);
        p.put("offer_id", V1_OFFER);
        p.put("ts", System.currentTimeMillis() / 1000);
        p.put("zone_id", "1");
        p.put("pf", "android");
        p.putAll(extra);
        return p;
    }

    private static HttpResponse<String> v1(
            String path, Map<String, Object> params, Secret appKey, Secret sessionKey, Map<String, String> headers)
            throws Exception {
        String sig = MidasV1Format.sig(path, params, appKey);
        String mpSig = MidasV1Format.mpSig(path, params, sig, Secret.of(TOKEN), sessionKey);
        Map<String, Object> body = new LinkedHashMap<>(params);
        body.put("sig", sig);
        body.put("mp_sig", mpSig);
        return fx.post(path + "?access_token=" + TOKEN, StrictJson.writeBytes(body), headers);
    }

    private static byte[] v2Body(String openid, int env, Map<String, Object> extra) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("offer_id", V2_OFFER);
        f.put("openid", openid);
        f.put("ts", System.currentTimeMillis() / 1000);
        f.put("zone_id", "1");
        f.put("env", env);
        f.putAll(extra);
        return StrictJson.writeBytes(f);
    }

    private static HttpResponse<String> v2(
            String path, byte[] signed, byte[] sent, Secret appKey, Secret sessionKey, Map<String, String> headers)
            throws Exception {
        String q = "?access_token=" + TOKEN + "&signature=" + PayV2Format.signature(signed, sessionKey)
                + "&sig_method=hmac_sha256&pay_sig=" + PayV2Format.paySig(path, signed, appKey);
        return fx.post(path + q, sent, headers);
    }

    private static Map<String, Object> json(HttpResponse<String> r) throws Exception {
        return StrictJson.readObject(r.body());
    }

    private static String diagnosis(HttpResponse<String> r) {
        return r.headers().firstValue("X-Bridge-Diagnosis").orElse("");
    }

    private static void assertNoSecret(HttpResponse<String> r) {
        String all = r.body() + r.headers().map();
        for (Secret s : List.of(V1_KEY, V1_SANDBOX_KEY, V2_KEY, V2_SANDBOX_KEY, P1_KEY)) {
            assertFalse(all.contains(s.reveal()), "an answer must never hold a secret");
        }
        assertFalse(
                all.contains("dev.midasbridge") || all.contains("java.") || all.contains("Exception"),
                "no class name or stack trace: " + all);
    }

    // ---------------------------------------------------------------- signatures

    @Test
    void rightSignaturesAreAnswered() throws Exception {
        HttpResponse<String> r1 = v1("/cgi-bin/midas/getbalance", v1Params(P1, Map.of()), V1_KEY, P1_KEY, Map.of());
        assertEquals(0L, json(r1).get("errcode"), r1.body());
        HttpResponse<String> r2 =
                v2("/wxa/game/getbalance", v2Body(P1, 0, Map.of()), v2Body(P1, 0, Map.of()), V2_KEY, P1_KEY, Map.of());
        assertEquals(0L, json(r2).get("errcode"), r2.body());
    }

    @Test
    void tamperedSigIsRefusedWith90011AndADiagnosis() throws Exception {
        Map<String, Object> p = v1Params(P1, Map.of("amt", 5L, "bill_no", "T1"));
        String path = "/cgi-bin/midas/pay";
        Map<String, Object> body = new LinkedHashMap<>(p);
        body.put("sig", MidasV1Format.sig(path, p, V1_KEY).replace('a', 'b').replace('1', '2'));
        body.put("mp_sig", "0");
        HttpResponse<String> r = fx.post(path + "?access_token=" + TOKEN, StrictJson.writeBytes(body), Map.of());
        assertEquals(90011L, json(r).get("errcode"));
        assertEquals("sig invalid", json(r).get("errmsg"));
        assertTrue(diagnosis(r).startsWith("wrong key"), diagnosis(r));
        assertNoSecret(r);
    }

    @Test
    void productionKeyOnASandboxPathIsDiagnosedAsTheWrongEnvironmentsKey() throws Exception {
        HttpResponse<String> r =
                v1("/cgi-bin/midas/sandbox/getbalance", v1Params(P1, Map.of()), V1_KEY, P1_KEY, Map.of());
        assertEquals(90011L, json(r).get("errcode"));
        assertTrue(diagnosis(r).startsWith("wrong environment's key"), diagnosis(r));
        HttpResponse<String> r2 =
                v2("/wxa/game/getbalance", v2Body(P1, 1, Map.of()), v2Body(P1, 1, Map.of()), V2_KEY, P1_KEY, Map.of());
        assertEquals(90011L, json(r2).get("errcode"));
        assertEquals("pay_sig invalid", json(r2).get("errmsg"));
        assertTrue(diagnosis(r2).startsWith("wrong environment's key"), diagnosis(r2));
    }

    @Test
    void tamperedPaySigAndTheOtherVersionsKeyAreRefused() throws Exception {
        byte[] body = v2Body(P1, 0, Map.of("amount", 3L, "bill_no", "T2"));
        HttpResponse<String> r = v2("/wxa/game/pay", body, body, V1_KEY, P1_KEY, Map.of());
        assertEquals(90011L, json(r).get("errcode"));
        assertTrue(diagnosis(r).contains("midas 1.0 AppKey"), diagnosis(r));
        String q = "?access_token=" + TOKEN + "&signature=" + PayV2Format.signature(body, P1_KEY) + "&pay_sig="
                + "0".repeat(64);
        HttpResponse<String> r2 = fx.post("/wxa/game/pay" + q, body, Map.of());
        assertEquals(90011L, json(r2).get("errcode"));
        assertTrue(diagnosis(r2).startsWith("wrong key"), diagnosis(r2));
        assertNoSecret(r2);
    }

    @Test
    void aBodyReSerialisedAfterSigningIsDiagnosed() throws Exception {
        byte[] signed = v2Body(P1, 0, Map.of());
        byte[] sent =
                new String(signed, StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = v2("/wxa/game/getbalance", signed, sent, V2_KEY, P1_KEY, Map.of());
        assertEquals(90011L, json(r).get("errcode"));
        assertTrue(diagnosis(r).startsWith("body re-serialised"), diagnosis(r));
    }

    @Test
    void missingSignaturesAreNamed() throws Exception {
        Map<String, Object> p = v1Params(P1, Map.of());
        HttpResponse<String> r =
                fx.post("/cgi-bin/midas/getbalance?access_token=" + TOKEN, StrictJson.writeBytes(p), Map.of());
        assertEquals(90011L, json(r).get("errcode"));
        assertEquals("missing signature: the body has no sig", diagnosis(r));
        byte[] body = v2Body(P1, 0, Map.of());
        HttpResponse<String> r2 = fx.post(
                "/wxa/game/getbalance?access_token=" + TOKEN + "&pay_sig="
                        + PayV2Format.paySig("/wxa/game/getbalance", body, V2_KEY),
                body,
                Map.of());
        assertEquals(90010L, json(r2).get("errcode"));
        assertEquals("missing signature: the query has no signature", diagnosis(r2));
    }

    // ---------------------------------------------------------------- session keys

    @Test
    void aPlayerWithNoKnownSessionKeyIsRefusedAsABadUserSignature() throws Exception {
        Secret k = Secret.of("some-key");
        HttpResponse<String> r =
                v1("/cgi-bin/midas/getbalance", v1Params("nobody-known", Map.of()), V1_KEY, k, Map.of());
        assertEquals(90009L, json(r).get("errcode"));
        assertTrue(diagnosis(r).startsWith("no session key known"), diagnosis(r));
        byte[] body = v2Body("nobody-known", 0, Map.of());
        HttpResponse<String> r2 = v2("/wxa/game/getbalance", body, body, V2_KEY, k, Map.of());
        assertEquals(90010L, json(r2).get("errcode"));
        assertTrue(diagnosis(r2).startsWith("no session key known"), diagnosis(r2));
    }

    @Test
    void aStaleSessionKeyIsRefusedAndDiagnosed() throws Exception {
        String openid = "stale-player";
        fx.gateway.importSessionKey(openid, "old-key");
        fx.gateway.importSessionKey(openid, "new-key");
        HttpResponse<String> r =
                v1("/cgi-bin/midas/getbalance", v1Params(openid, Map.of()), V1_KEY, Secret.of("old-key"), Map.of());
        assertEquals(90009L, json(r).get("errcode"));
        assertTrue(diagnosis(r).startsWith("stale session key"), diagnosis(r));
        byte[] body = v2Body(openid, 0, Map.of());
        HttpResponse<String> r2 = v2("/wxa/game/getbalance", body, body, V2_KEY, Secret.of("old-key"), Map.of());
        assertEquals(90010L, json(r2).get("errcode"));
        assertTrue(diagnosis(r2).startsWith("stale session key"), diagnosis(r2));
        assertFalse(r2.body().contains("old-key") || diagnosis(r2).contains("new-key"));
    }

    @Test
    void aSessionKeyInTheHeaderIsUsedAndStoredNewestWins() throws Exception {
        String openid = "demo-player-2";
        Secret real = Secret.of("c2Vzc2lvbi1rZXktMg==");
        fx.gateway.importSessionKey(openid, "some-older-key");
        HttpResponse<String> r = v1(
                "/cgi-bin/midas/getbalance",
                v1Params(openid, Map.of()),
                V1_KEY,
                real,
                Map.of(PaymentService.SESSION_KEY_HEADER, real.reveal()));
        assertEquals(0L, json(r).get("errcode"), r.body());
        HttpResponse<String> again =
                v1("/cgi-bin/midas/getbalance", v1Params(openid, Map.of()), V1_KEY, real, Map.of());
        assertEquals(0L, json(again).get("errcode"), "the header's key was stored: " + again.body());
    }

    @Test
    void jscode2sessionIsForwardedAnsweredByteForByteAndCaptured() throws Exception {
        fx.gateway.importSessionKey(P1, "pre-capture-key");
        byte[] b0 = v2Body(P1, 0, Map.of());
        assertEquals(
                90010L,
                json(v2("/wxa/game/getbalance", b0, b0, V2_KEY, P1_KEY, Map.of()))
                        .get("errcode"),
                "before the capture the gateway knows another key");
        HttpResponse<String> bad = GatewayFixture.HTTP.send(
                HttpRequest.newBuilder(URI.create(fx.url("/sns/jscode2session?appid=" + APPID
                                + "&secret=s3cret&js_code=bad&grant_type=authorization_code")))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"errcode\":40029,\"errmsg\":\"invalid code\"}", bad.body());
        HttpResponse<String> ok = GatewayFixture.HTTP.send(
                HttpRequest.newBuilder(URI.create(fx.url("/sns/jscode2session?appid=" + APPID
                                + "&secret=s3cret&js_code=good&grant_type=authorization_code")))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, ok.statusCode());
        assertEquals("{\"session_key\":\"" + P1_KEY.reveal() + "\",\"openid\":\"" + P1 + "\"}", ok.body());
        assertEquals("text/plain", ok.headers().firstValue("Content-Type").orElseThrow());
        try {
            // the captured key is now the player's: a request signed with it passes the gateway's session check
            byte[] body = v2Body(P1, 0, Map.of());
            HttpResponse<String> r = v2("/wxa/game/getbalance", body, body, V2_KEY, P1_KEY, Map.of());
            assertEquals(0L, json(r).get("errcode"), r.body() + " " + diagnosis(r));
            assertTrue(
                    seen.stream()
                            .anyMatch(s -> s.startsWith(
                                    "GET /sns/jscode2session?appid=" + APPID + "&secret=s3cret&js_code=good")),
                    seen.toString());
        } finally {
            fx.gateway.importSessionKey(P1, P1_KEY.reveal());
        }
    }

    // ---------------------------------------------------------------- pass-through, limits, operations

    @Test
    void anUnknownPathIsForwardedUnchangedAndItsAnswerStreamedBackUnchanged() throws Exception {
        byte[] sent = "{\"a\": 1,  \"b\":\"\\u4e2d\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = GatewayFixture.HTTP.send(
                HttpRequest.newBuilder(URI.create(fx.url("/cgi-bin/stable_token?x=1&y=%2F")))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(sent))
                        .header("Content-Type", "application/x-odd")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(201, r.statusCode());
        assertArrayEquals(BINARY, r.body());
        assertEquals(
                "application/x-test", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("yes", r.headers().firstValue("X-Upstream").orElseThrow());
        assertTrue(
                seen.contains("PUT /cgi-bin/stable_token?x=1&y=%2F ct=application/x-odd body="
                        + new String(sent, StandardCharsets.ISO_8859_1)),
                seen.toString());
    }

    @Test
    void aBodyOverTheCapIs413WithAJsonErrcodeBeforeItIsRead() throws Exception {
        byte[] big = new byte[5000];
        HttpResponse<String> r = fx.post("/cgi-bin/midas/pay?access_token=" + TOKEN, big, Map.of());
        assertEquals(413, r.statusCode());
        assertEquals(90018L, json(r).get("errcode"));
        // chunked, no Content-Length: refused once the cap is passed. The answer is read before anything more is sent,
        // so the server has no unread bytes when it closes (which would reset the connection under the answer).
        try (Socket s = new Socket("127.0.0.1", fx.gateway.baseUrl().getPort())) {
            byte[] chunk = new byte[4097];
            java.util.Arrays.fill(chunk, (byte) ' ');
            java.io.OutputStream o = s.getOutputStream();
            o.write(("POST /wxa/game/pay?access_token=" + TOKEN
                            + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                            + "Content-Type: application/json\r\n\r\n" + Integer.toHexString(chunk.length) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            o.write(chunk);
            o.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            o.flush();
            s.setSoTimeout(5000);
            assertEquals("HTTP/1.1 413", new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII));
        }
        // declared huge, nothing sent: the answer comes from the header alone
        try (Socket s = new Socket("127.0.0.1", fx.gateway.baseUrl().getPort())) {
            s.getOutputStream()
                    .write(("POST /wxa/game/pay HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n"
                                    + "Content-Type: application/json\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5000);
            String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", head);
        }
    }

    @Test
    void healthMetricsAndTheGuardedAdminApi() throws Exception {
        assertEquals(
                200,
                GatewayFixture.HTTP
                        .send(
                                HttpRequest.newBuilder(URI.create(fx.url("/healthz")))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
        v1("/cgi-bin/midas/getbalance", v1Params(P1, Map.of()), V1_KEY, P1_KEY, Map.of());
        String metrics = GatewayFixture.HTTP
                .send(
                        HttpRequest.newBuilder(URI.create(fx.url("/metrics"))).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertTrue(metrics.contains("bridge_requests_total{"), metrics);
        assertTrue(metrics.contains("dialect=\"midas_v1\""), metrics);
        assertTrue(metrics.contains("bridge_request_latency_seconds_bucket"), metrics);
        assertTrue(metrics.contains("bridge_orders_pending"), metrics);
        HttpResponse<String> denied = GatewayFixture.HTTP.send(
                HttpRequest.newBuilder(URI.create(fx.gateway.adminUrl().orElseThrow() + "/admin/routing"))
                        .header("Authorization", "Bearer wrong")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, denied.statusCode());
        HttpResponse<String> set =
                fx.admin("PUT", "/admin/routing?env=sandbox", "{\"pay_v2_percent\":30,\"midas_v1_openids\":[\"x\"]}");
        assertEquals(200, set.statusCode(), set.body());
        Map<String, Object> routing = json(fx.admin("GET", "/admin/routing", null));
        assertEquals(30L, ((Map<?, ?>) routing.get("sandbox")).get("pay_v2_percent"));
        assertEquals(
                30, fx.gateway.bridge().router().policy(Environment.SANDBOX).payV2Percent());
        assertEquals(
                400,
                fx.admin("PUT", "/admin/routing", "{\"pay_v2_percent\":300}").statusCode());
        HttpResponse<String> imported = fx.admin(
                "POST", "/admin/session-keys", "{\"session_keys\":[{\"openid\":\"imp-1\",\"session_key\":\"k1\"}]}");
        assertEquals("{\"imported\":1}", imported.body());
        HttpResponse<String> reco = fx.admin("POST", "/admin/reconcile", null);
        assertEquals(200, reco.statusCode(), reco.body());
        assertEquals(
                404,
                fx.admin("GET", "/admin/orders?openid=" + P1 + "&bill_no=none", null)
                        .statusCode());
    }
}
