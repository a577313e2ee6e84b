package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The world JSON of {@code bridge gateway --standin --world-out} end to end: every key a client needs is there
 * (snake_case), and its app_secret, access_token and js_codes are accepted by the stand-in through the gateway. An
 * unchanged Python game server logs each player in through the gateway (no session key imported, no
 * X-Bridge-Session-Key header) and its signed midas 1.0 pay then succeeds.
 */
class StandInWorldTest {
    @Test
    @SuppressWarnings("unchecked")
    void theWorldHasEveryKeyAndItsCredentialsWorkThroughTheGateway() throws Exception {
        try (GatewayFixture fx = GatewayFixture.start(0, null, false, 64 * 1024)) {
            String json = fx.standIn.worldJson(fx.gateway.baseUrl().toString());
            Map<String, Object> w = StrictJson.readObject(json);
            for (String key :
                    List.of("gateway_url", "appid", "app_secret", "access_token", "midas_v1", "pay_v2", "players")) {
                assertTrue(w.containsKey(key), key + " in " + w.keySet());
            }
            Map<String, Object> v1 = (Map<String, Object>) w.get("midas_v1");
            Map<String, Object> v2 = (Map<String, Object>) w.get("pay_v2");
            for (Map<String, Object> v : List.of(v1, v2)) {
                assertEquals(java.util.Set.of("offer_id", "app_key", "sandbox_app_key"), v.keySet());
            }
            assertTrue(!v1.get("offer_id").equals(v2.get("offer_id")), "two offers");
            List<Object> players = (List<Object>) w.get("players");
            assertEquals(2, players.size());
            for (Object o : players) {
                Map<String, Object> p = (Map<String, Object>) o;
                assertEquals(
                        java.util.Set.of("openid", "session_key", "js_code", "zone_id", "balance", "present_balance"),
                        p.keySet());
            }
            for (String k : w.keySet()) {
                assertTrue(k.matches("[a-z0-9_]+"), "snake_case: " + k);
            }

            // No session key was imported into the gateway: the client's login through it is the only source.
            assertEquals(1000, fx.standIn.balance("demo-player-1"));
            Path world = fx.dir.resolve("world.json");
            Files.writeString(world, json, StandardCharsets.UTF_8);
            Path script = Path.of(StandInWorldTest.class
                    .getResource("/clients/login_client.py")
                    .toURI());
            Process p = new ProcessBuilder(
                            "python3",
                            script.toString(),
                            "--world",
                            world.toString(),
                            "--base-url",
                            fx.gateway.baseUrl().toString())
                    .redirectErrorStream(true)
                    .start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the python client did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("\"ok\": true"), out);
            assertEquals(999, fx.standIn.balance("demo-player-1"));
            assertEquals(49, fx.standIn.balance("demo-player-2"));

            // A wrong app secret is refused by the stand-in, and the answer reaches the client unchanged.
            HttpResponse<String> wrong = GatewayFixture.HTTP.send(
                    java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create(
                                            fx.url(
                                                    "/sns/jscode2session?appid=" + w.get("appid")
                                                            + "&secret=wrong&js_code=jscode-demo-player-1&grant_type=authorization_code")))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(40125L, StrictJson.readObject(wrong.body()).get("errcode"), wrong.body());
        }
    }

    @Test
    void accessTokensStableTokenProviderGetsTheStandInsTokenWithTheWorldsAppSecret() {
        try (StandIn s = StandIn.startDemo()) {
            Map<String, Object> w = StrictJson.readObject(s.worldJson("http://unused"));
            dev.midasbridge.token.StableTokenProvider tokens =
                    dev.midasbridge.token.StableTokenProvider.create(dev.midasbridge.token.StableTokenConfig.builder(
                                    (String) w.get("appid"),
                                    dev.midasbridge.core.credentials.Secret.of((String) w.get("app_secret")))
                            .baseUrl(s.baseUrl())
                            .build());
            assertEquals(w.get("access_token"), tokens.current().value().reveal());
            dev.midasbridge.token.StableTokenProvider wrong =
                    dev.midasbridge.token.StableTokenProvider.create(dev.midasbridge.token.StableTokenConfig.builder(
                                    (String) w.get("appid"), dev.midasbridge.core.credentials.Secret.of("wrong-secret"))
                            .baseUrl(s.baseUrl())
                            .build());
            RuntimeException refused =
                    org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, wrong::current);
            assertTrue(String.valueOf(refused.getMessage()).contains("40125"), String.valueOf(refused.getMessage()));
        } catch (StrictJson.MalformedJsonException e) {
            throw new AssertionError(e);
        }
    }
}
