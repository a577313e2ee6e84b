package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.midasbridge.app.BridgeSettings;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.push.PushChannelSecurity;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push endpoint in process: URL verification, a signed push delivered to the webhook once and its copy
 * answered without a second delivery, a forged one refused, a mock answered and not delivered.
 */
class GatewayPushTest {
    private static final String TOKEN = "in-process-push-token";
    private static final String CLIENT_TOKEN = "in-process-client-payment-token";

    @TempDir
    Path dir;

    private StandIn standIn;
    private Gateway gateway;
    private HttpServer webhook;
    private final List<Map<String, Object>> delivered = new ArrayList<>();
    private final List<String> forwarded = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        standIn = StandIn.start(StandIn.demoWith(0));
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        webhook.createContext("/deliver", ex -> {
            try {
                synchronized (delivered) {
                    delivered.add(StrictJson.readObject(ex.getRequestBody().readAllBytes()));
                }
                ex.sendResponseHeaders(200, -1);
            } catch (StrictJson.MalformedJsonException e) {
                ex.sendResponseHeaders(400, -1);
            }
            ex.close();
        });
        webhook.createContext("/wechat", ex -> {
            synchronized (forwarded) {
                forwarded.add(ex.getRequestURI().getRawQuery() + " "
                        + new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            byte[] answer = "success".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        webhook.start();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        GatewaySettings settings = GatewaySettings.builder(standIn.baseUrl())
                .listen("127.0.0.1", 0)
                .sessionEncryptionKey(Secret.of(Base64.getEncoder().encodeToString(key)), "K")
                .maxBodyBytes(4096)
                .build();
        String base = "http://127.0.0.1:" + webhook.getAddress().getPort();
        PushSettings.Push p = PushSettings.Push.of(
                PushSettings.DEFAULT_PUSH_PATH,
                Secret.of(TOKEN),
                Optional.empty(),
                "wx0000000000demo",
                URI.create(base + "/deliver"));
        p = new PushSettings.Push(
                p.path(),
                p.token(),
                p.encodingAesKey(),
                p.appId(),
                p.webhookUrl(),
                p.webhookToken(),
                Optional.of(URI.create(base + "/wechat")),
                p.webhookTimeout(),
                p.maxAttempts(),
                p.initialBackoff(),
                p.maxBackoff(),
                p.claim(),
                p.inFlightWait());
        PushSettings push = new PushSettings(
                Optional.of(p),
                Optional.of(new PushSettings.ClientPayment(
                        PushSettings.DEFAULT_CLIENT_PAYMENT_PATH, Secret.of(CLIENT_TOKEN))));
        BridgeSettings bridge = standIn.bridgeSettings(100, new JournalSettings.Embedded(dir.resolve("journal")));
        gateway = Gateway.start(bridge, settings, push);
    }

    @AfterEach
    void stop() {
        gateway.close();
        webhook.stop(0);
        standIn.close();
    }

    @Test
    void urlVerificationEchoesOnlyWithTheRightSignature() throws Exception {
        String ts = "1700000000";
        String nonce = "n1";
        String sig = PushChannelSecurity.signature(Secret.of(TOKEN), ts, nonce);
        HttpResponse<String> ok = get("?signature=" + sig + "&timestamp=" + ts + "&nonce=" + nonce + "&echostr=hello");
        assertEquals(200, ok.statusCode());
        assertEquals("hello", ok.body());
        HttpResponse<String> bad = get("?signature=" + sig.replace(sig.charAt(0), sig.charAt(0) == 'a' ? 'b' : 'a')
                + "&timestamp=" + ts + "&nonce=" + nonce + "&echostr=hello");
        assertEquals(401, bad.statusCode());
    }

    @Test
    void aSignedPushIsDeliveredOnceAndItsCopyAnsweredWithoutASecondDelivery() throws Exception {
        String body =
                pushBody("minigame_game_pay_goods_deliver_notify", "in-1", false, "demo-pay-v2-production-app-key");
        HttpResponse<String> first = push(body);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("{\"ErrCode\":0,\"ErrMsg\":\"Success\"}", first.body());
        HttpResponse<String> copy = push(body);
        assertEquals(200, copy.statusCode(), copy.body());
        assertEquals(1, delivered.size(), delivered.toString());
        assertEquals("in-1", delivered.get(0).get("out_trade_no"));
        assertEquals(Boolean.FALSE, delivered.get(0).get("possible_duplicate"));
        String metrics = GatewayFixture.HTTP
                .send(
                        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertTrue(
                metrics.contains("bridge_push_events_total{event=\"minigame_game_pay_goods_deliver_notify\","
                        + "outcome=\"delivered\"} 1.0"),
                metrics);
        assertTrue(metrics.contains("outcome=\"duplicate\"} 1.0"), metrics);
    }

    @Test
    void aForgedPushIsRefusedAndAMockIsNotDelivered() throws Exception {
        HttpResponse<String> forged =
                push(pushBody("minigame_game_pay_goods_deliver_notify", "in-2", false, "not-the-app-key"));
        assertEquals(401, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("PAY_EVENT_SIG"), forged.body());
        HttpResponse<String> mock = push(
                pushBody("minigame_game_pay_goods_deliver_notify", "in-3", true, "demo-pay-v2-production-app-key"));
        assertEquals(200, mock.statusCode(), mock.body());
        assertEquals(0, delivered.size(), delivered.toString());
    }

    @Test
    void whatTheGatewayDoesNotHandleIsForwardedUnchanged() throws Exception {
        String text = "{\"ToUserName\":\"gh_demo\",\"FromUserName\":\"o1\",\"CreateTime\":1700000000,"
                + "\"MsgType\":\"text\",\"Content\":\"hello\"}";
        HttpResponse<String> message = push(text);
        assertEquals(200, message.statusCode(), message.body());
        assertEquals("success", message.body());
        // an event midas-bridge does not type (a future one): verified, then forwarded as it came
        HttpResponse<String> refund =
                push(pushBody("minigame_future_event_notify", "in-4", false, "demo-pay-v2-production-app-key"));
        assertEquals(200, refund.statusCode(), refund.body());
        assertEquals(2, forwarded.size(), forwarded.toString());
        assertTrue(forwarded.get(0).endsWith(" " + text), forwarded.get(0));
        assertTrue(forwarded.get(0).startsWith("signature="), forwarded.get(0));
        assertTrue(forwarded.get(1).contains("minigame_future_event_notify"), forwarded.get(1));
        assertEquals(0, delivered.size(), delivered.toString());
        HttpResponse<String> forged = push(text.replace("hello", "bye"), "0000000000000000000000000000000000000000");
        assertEquals(401, forged.statusCode(), forged.body());
        assertEquals(2, forwarded.size(), "a push with a wrong signature is not forwarded");
    }

    @Test
    void thePushSectionsOfTheConfigFileAreCheckedNamingTheSetting() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("cp.token"), "0123456789abcdef0123\n");
        String json = """
                {"push": {"token_env": "GW_PUSH", "webhook": {"url": "http://127.0.0.1:9/deliver"}},
                 "client_payment": {"token_file": "cp.token"},
                 "bridge": {"base_url": "http://127.0.0.1:9", "access_token": {"env": "T"},
                   "midas_v1": {"appid": "wx0000000000demo", "offer_id": "1450000001"},
                   "pay_v2": {"offer_id": "1450000002"}, "journal": {"embedded": "j", "create": true}}}
                """;
        Map<String, String> env = Map.of(
                "T",
                "t",
                "GW_PUSH",
                "push-token",
                "MIDAS_BRIDGE_SESSION_KEY_ENCRYPTION_KEY",
                Base64.getEncoder().encodeToString(new byte[32]),
                "MIDAS_V1_APP_KEY",
                "a",
                "MIDAS_V1_SANDBOX_APP_KEY",
                "b",
                "PAY_V2_APP_KEY",
                "c",
                "PAY_V2_SANDBOX_APP_KEY",
                "d");
        String source = dir.resolve("gw.json").toString();
        GatewayConfigFile.Loaded l = GatewayConfigFile.parse(json, env, source);
        assertEquals(
                PushSettings.DEFAULT_PUSH_PATH, l.push().push().orElseThrow().path());
        assertEquals("wx0000000000demo", l.push().push().orElseThrow().appId());
        assertEquals(
                PushSettings.DEFAULT_CLIENT_PAYMENT_PATH,
                l.push().clientPayment().orElseThrow().path());
        assertTrue(!l.push().toString().contains("push-token")
                && !l.push().toString().contains("0123456789abcdef"));
        assertRefused(json.replace("\"GW_PUSH\"", "\"NOT_SET\""), env, source, "push.token_env");
        assertRefused(json.replace("webhook\": {", "webhok\": {"), env, source, "push.webhok");
        assertRefused(json.replace("cp.token", "missing.token"), env, source, "client_payment.token_file");
        assertRefused(
                json.replace("\"url\": \"http://127.0.0.1:9/deliver\"", "\"url\": \"ftp://x/\""),
                env,
                source,
                "push.webhook.url");
    }

    @Test
    void bothEndpointsHaveTheListenersLimits() throws Exception {
        HttpResponse<String> huge = push("{\"x\":\"" + "a".repeat(10_000) + "\"}");
        assertEquals(413, huge.statusCode(), huge.body());
        assertEquals(0, delivered.size());
        HttpResponse<String> noToken = clientPayment(null, "{\"openid\":\"demo-player-1\",\"quantity\":1}");
        assertEquals(401, noToken.statusCode());
        HttpResponse<String> wrongToken =
                clientPayment("not-" + CLIENT_TOKEN, "{\"openid\":\"demo-player-1\",\"quantity\":1}");
        assertEquals(401, wrongToken.statusCode());
        HttpResponse<String> twice = clientPayment(CLIENT_TOKEN, "{\"openid\":\"a\",\"openid\":\"b\",\"quantity\":1}");
        assertEquals(400, twice.statusCode(), twice.body());
        HttpResponse<String> unknown =
                clientPayment(CLIENT_TOKEN, "{\"openid\":\"demo-player-1\",\"quantity\":1,\"amount\":5}");
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("\"field\":\"amount\""), unknown.body());
        HttpResponse<String> text = clientPayment(CLIENT_TOKEN, "{\"openid\":\"demo-player-1\",\"quantity\":\"1\"}");
        assertEquals(400, text.statusCode(), text.body());
        assertTrue(text.body().contains("\"field\":\"quantity\""), text.body());
        HttpResponse<String> noSession = clientPayment(CLIENT_TOKEN, "{\"openid\":\"demo-player-1\",\"quantity\":1}");
        assertEquals(409, noSession.statusCode(), noSession.body());
        assertTrue(noSession.body().contains("relogin_required"), noSession.body());
        HttpResponse<String> big = clientPayment(CLIENT_TOKEN, "{\"openid\":\"" + "o".repeat(10_000) + "\"}");
        assertEquals(413, big.statusCode());
        assertTrue(!noSession.body().contains("Exception") && !twice.body().contains("Exception"));
    }

    private HttpResponse<String> clientPayment(String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + PushSettings.DEFAULT_CLIENT_PAYMENT_PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return GatewayFixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(String json, Map<String, String> env, String source, String naming) {
        dev.midasbridge.app.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.midasbridge.app.config.ConfigException.class, () -> GatewayConfigFile.parse(json, env, source));
        assertTrue(e.getMessage().contains(naming), e.getMessage());
    }

    private static String pushBody(String event, String outTradeNo, boolean mock, String appKey) {
        String payload = "{\"OpenId\":\"demo-player-1\",\"Env\":0,\"OutTradeNo\":\"" + outTradeNo
                + "\",\"GoodsInfo\":{\"ProductId\":\"sword\",\"Quantity\":1,\"ZoneId\":\"1\",\"OrigPrice\":100,"
                + "\"ActualPrice\":100,\"Attach\":\"\",\"OrderSource\":1}}";
        String sig = Secret.of(appKey)
                .hmacSha256Hex((event + "&" + payload).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return StrictJson.write(new java.util.LinkedHashMap<>(Map.of(
                "ToUserName",
                "gh_demo",
                "FromUserName",
                "official",
                "CreateTime",
                1700000000L,
                "MsgType",
                "event",
                "Event",
                event,
                "MiniGame",
                Map.of("Payload", payload, "PayEventSig", sig, "IsMock", mock))));
    }

    private HttpResponse<String> push(String body) throws Exception {
        return push(body, null);
    }

    private HttpResponse<String> push(String body, String signature) throws Exception {
        String ts = "1700000001";
        String nonce = "nonce2";
        String sig = signature != null ? signature : PushChannelSecurity.signature(Secret.of(TOKEN), ts, nonce);
        return GatewayFixture.HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + PushSettings.DEFAULT_PUSH_PATH + "?signature="
                                + sig + "&timestamp=" + ts + "&nonce=" + nonce))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String query) throws Exception {
        return GatewayFixture.HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + PushSettings.DEFAULT_PUSH_PATH + query))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
