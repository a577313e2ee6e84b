package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.app.config.ConfigException;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.midas.v1.MidasV1Format;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Graceful shutdown, Jetty's own errors as JSON, and the configuration file. */
class LifecycleTest {
    @Test
    void closeFinishesARequestUnderWayAndThenRefusesConnections() throws Exception {
        GatewayFixture fx = GatewayFixture.start(0, null, true, 65536);
        try {
            fx.standIn.delay("getbalance", Duration.ofMillis(1500));
            String path = "/cgi-bin/midas/getbalance";
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("openid", "demo-player-1");
            p.put("appid", "wx0000000000demo");
            p.put("offer_id", "1450000001");
            p.put("ts", System.currentTimeMillis() / 1000);
            p.put("zone_id", "1");
            p.put("pf", "android");
            String sig = MidasV1Format.sig(path, p, Secret.of("demo-midas-v1-production-app-key"));
            Map<String, Object> body = new LinkedHashMap<>(p);
            body.put("sig", sig);
            body.put(
                    "mp_sig",
                    MidasV1Format.mpSig(
                            path, p, sig, Secret.of("demo-access-token"), Secret.of("c2Vzc2lvbi1rZXktMQ==")));
            HttpRequest req = HttpRequest.newBuilder(URI.create(fx.url(path + "?access_token=demo-access-token")))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(StrictJson.writeBytes(body)))
                    .build();
            CompletableFuture<HttpResponse<String>> inFlight =
                    GatewayFixture.HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);
            int port = fx.gateway.baseUrl().getPort();
            fx.gateway.close();
            HttpResponse<String> r = inFlight.get();
            assertEquals(200, r.statusCode());
            assertEquals(
                    0L, StrictJson.readObject(r.body()).get("errcode"), "the request under way finished: " + r.body());
            assertThrows(java.io.IOException.class, () -> new Socket("127.0.0.1", port).close(), "no longer accepting");
        } finally {
            fx.close();
        }
    }

    @Test
    void headersOverTheCapGetAJsonAnswerWithoutClassNames() throws Exception {
        try (GatewayFixture fx = GatewayFixture.start(0, null, false, 65536);
                Socket s = new Socket("127.0.0.1", fx.gateway.baseUrl().getPort())) {
            s.getOutputStream()
                    .write(("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5000);
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
            assertTrue(answer.contains("{\"errcode\":-1,\"errmsg\":\"http 431"), answer);
            assertFalse(answer.contains("jetty") || answer.contains("Exception") || answer.contains("<html"), answer);
        }
    }

    @Test
    void configFile() {
        String json = """
                {"listen": {"host": "0.0.0.0", "port": 9090},
                 "admin": {"port": 9091, "token_env": "GW_ADMIN"},
                 "limits": {"max_body_bytes": 32768},
                 "session_keys": {"encryption_key_env": "GW_KEY", "ttl_hours": 24},
                 "bridge": {"base_url": "http://127.0.0.1:1",
                   "access_token": {"env": "TOKEN"},
                   "midas_v1": {"appid": "wx1", "offer_id": "1"},
                   "pay_v2": {"offer_id": "2"},
                   "routing": {"pay_v2_percent": 10},
                   "journal": {"embedded": "/tmp/x/journal"}}}
                """;
        Map<String, String> env = Map.of(
                "GW_ADMIN",
                "t0k3n",
                "GW_KEY",
                java.util.Base64.getEncoder().encodeToString(new byte[32]),
                "TOKEN",
                "tok",
                "MIDAS_V1_APP_KEY",
                "a",
                "MIDAS_V1_SANDBOX_APP_KEY",
                "b",
                "PAY_V2_APP_KEY",
                "c",
                "PAY_V2_SANDBOX_APP_KEY",
                "d");
        GatewayConfigFile.Loaded l = GatewayConfigFile.parse(json, env, "gw.json");
        assertEquals(9090, l.gateway().port());
        assertEquals("127.0.0.1", l.gateway().adminHost(), "admin on loopback unless told");
        assertEquals("t0k3n", l.gateway().adminToken().orElseThrow().reveal());
        assertEquals(32768, l.gateway().maxBodyBytes());
        assertEquals("http://127.0.0.1:1", l.gateway().upstreamBaseUrl());
        assertFalse(l.gateway().toString().contains("t0k3n"));
        assertThrows(
                ConfigException.class,
                () -> GatewayConfigFile.parse(json, Map.of("GW_ADMIN", "x"), "gw.json"),
                "the encryption key's variable must be set");
        assertThrows(
                ConfigException.class,
                () -> GatewayConfigFile.parse(json.replace("\"GW_KEY\"", "\"gw-key\""), env, "gw.json"),
                "variable names are [A-Z_][A-Z0-9_]*");
        assertThrows(
                ConfigException.class,
                () -> GatewayConfigFile.parse(json.replace("\"listen\"", "\"listn\""), env, "gw.json"),
                "unknown settings are refused");
    }
}
