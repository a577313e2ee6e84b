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

    @TempDir
    Path dir;

    private StandIn standIn;
    private Gateway gateway;
    private HttpServer webhook;
    private final List<Map<String, Object>> delivered = new ArrayList<>();

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
        webhook.start();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        GatewaySettings settings = GatewaySettings.builder(standIn.baseUrl())
                .listen("127.0.0.1", 0)
                .sessionEncryptionKey(Secret.of(Base64.getEncoder().encodeToString(key)), "K")
                .build();
        PushSettings push = new PushSettings(
                Optional.of(PushSettings.Push.of(
                        PushSettings.DEFAULT_PUSH_PATH,
                        Secret.of(TOKEN),
                        Optional.empty(),
                        "wx0000000000demo",
                        URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/deliver"))),
                Optional.empty());
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
        String ts = "1700000001";
        String nonce = "nonce2";
        String sig = PushChannelSecurity.signature(Secret.of(TOKEN), ts, nonce);
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
