package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, with real processes and real HTTP: the stand-in's push sender pushes payment events (plain JSON, then
 * safe-mode XML; two of them paid on the stand-in's client check endpoint with parameters formed by the gateway's
 * client-payment endpoint) to a gateway process's push URL, which delivers them to a test webhook (the game). Some events are
 * pushed in several identical copies at once, some are tampered with (each kind of tampering the stand-in knows),
 * one is a mock, the webhook refuses one event twice before accepting it, and for one event the webhook kills the
 * gateway (SIGKILL) right after accepting it, before the gateway could journal that or answer WeChat; a new gateway
 * process takes over on the same port, and the stand-in pushes again. In the end: every event was accepted by the game,
 * exactly one copy of it unflagged and every later copy flagged as a possible duplicate (the redelivery after the kill
 * among them); no tampered or mock event reached the game; every push but the tampered ones was answered success; the
 * client payments formed through the gateway are linked to their delivery events.
 */
class PushFlowEndToEndTest {
    private static final String PUSH_TOKEN = "e2e-push-token";
    private static final String ADMIN_TOKEN = "e2e-admin-token";
    private static final String CRASH = "crash-1";

    @TempDir
    Path dir;

    /** One request the game's webhook received. */
    record Received(String key, String outTradeNo, String event, boolean flagged, boolean accepted, boolean payment) {}

    private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicReference<Process> gateway = new AtomicReference<>();
    private final AtomicBoolean crashed = new AtomicBoolean();
    private final CountDownLatch killed = new CountDownLatch(1);
    private final List<Process> started = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyEventReachesTheGameOnceAndNoTamperedOneDoes() throws Exception {
        String aesKey = aesKey();
        HttpServer webhook = webhook();
        SimulatorConfig world =
                SimulatorConfig.demo().withAppSecret(dev.midasbridge.simulator.Secret.of("demo-app-secret"));
        try (StandInServer standIn =
                StandInServer.start(world, StandInServer.Options.defaults().withAdmin(true))) {
            int port = freePort();
            Path config =
                    gatewayConfig(standIn.baseUrl(), port, webhook.getAddress().getPort());
            Map<String, String> env = env(aesKey);
            String[] urls = startGateway(config, env, "g1");
            String gw = urls[1];
            String admin = urls[0];

            // session keys for the pay_v2 client signatures, then client payments formed through the gateway
            post(admin + "/admin/session-keys", ADMIN_TOKEN, """
                    {"session_keys":[{"openid":"demo-player-1","session_key":"c2Vzc2lvbi1rZXktMQ=="}]}""");
            Map<String, Object> item = clientPayment(gw, """
                    {"openid":"demo-player-1","quantity":1,"item_id":"sword","price":100,"out_trade_no":"ok-1"}""");
            assertEquals("pay_v2", item.get("version"));
            assertEquals("requestMidasPaymentGameItem", item.get("api"));
            assertTrue(((Map<?, ?>) item.get("params")).containsKey("paySig"));
            Map<String, Object> coins = clientPayment(gw, """
                    {"openid":"demo-player-1","quantity":10,"out_trade_no":"coin-1"}""");
            assertEquals("pay_v2", coins.get("version"));
            Map<String, Object> v1 = clientPayment(gw, """
                    {"openid":"demo-player-2","quantity":10}""");
            assertEquals("midas_v1", v1.get("version"), "demo-player-2 is routed to midas 1.0");
            Map<?, ?> v1Params = (Map<?, ?>) v1.get("params");
            assertEquals("1450000001", v1Params.get("offerId"));
            assertFalse(v1Params.containsKey("signData"));
            assertEquals(32, ((String) v1.get("out_trade_no")).length());
            HttpResponse<String> noToken = http.send(
                    HttpRequest.newBuilder(URI.create(gw + PushSettings.DEFAULT_CLIENT_PAYMENT_PATH))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"openid\":\"x\",\"quantity\":1}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, noToken.statusCode());
            HttpResponse<String> bad = postRaw(gw + PushSettings.DEFAULT_CLIENT_PAYMENT_PATH, clientToken(), """
                    {"openid":"demo-player-1","quantity":0}""");
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("\"field\":\"quantity\""), bad.body());

            // URL verification through the stand-in
            adminPost(standIn, "/__admin/push/config", senderConfig(port, aesKey, "plain", "json"));
            Map<String, Object> urlCheck = adminPost(standIn, "/__admin/push/verify_url", "{}");
            assertEquals(Boolean.TRUE, urlCheck.get("echoed"), urlCheck.toString());
            Map<String, Object> forged = adminPost(standIn, "/__admin/push/verify_url", "{\"tamper\":true}");
            assertEquals(Boolean.FALSE, forged.get("echoed"), forged.toString());

            // phase 1: plain JSON
            Set<String> good = new java.util.TreeSet<>();
            List<String> goodIds = new ArrayList<>();
            List<String> tamperedIds = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                goodIds.addAll(push(standIn, item("ok-" + i, i <= 2 ? 3 : 1, 0, null)));
                good.add("ok-" + i);
            }
            for (int i = 1; i <= 3; i++) {
                goodIds.addAll(push(standIn, coin("coin-" + i, i == 2 ? 2 : 1, i == 3 ? 1 : 0, null)));
                good.add("coin-" + i);
            }
            // the whole loop: formed through the gateway, paid on the (stand-in) client, pushed by the platform
            for (String[] loop : new String[][] {
                {
                    "loop-item",
                    "{\"openid\":\"demo-player-1\",\"quantity\":2,\"item_id\":\"shield\",\"price\":300,"
                            + "\"out_trade_no\":\"loop-item\"}"
                },
                {"loop-coin", "{\"openid\":\"demo-player-1\",\"quantity\":60,\"out_trade_no\":\"loop-coin\"}"}
            }) {
                Map<String, Object> formed = clientPayment(gw, loop[1]);
                Map<String, Object> pay = new LinkedHashMap<>();
                pay.put("openid", "demo-player-1");
                pay.put("params", formed.get("params"));
                pay.put("complete", true);
                Map<String, Object> paid = adminPost(standIn, "/__client/" + formed.get("api"), StrictJson.write(pay));
                assertEquals(0L, paid.get("errCode"), paid.toString());
                for (Object id : (List<?>) paid.get("pushes")) {
                    goodIds.add((String) id);
                }
                good.add(loop[0]);
            }
            goodIds.addAll(push(standIn, item("fail2-1", 1, 0, null)));
            good.add("fail2-1");
            List<String> mockIds = push(standIn, item("mock-1", 1, 0, null).replace("{", "{\"mock\":true,"));
            for (String t : List.of("pay_event_sig", "payload", "env_key", "signature")) {
                tamperedIds.addAll(push(standIn, item("tampered-" + t, 1, 0, t)));
            }
            waitFor(() -> states(standIn, goodIds).stream().allMatch("delivered"::equals), standIn, goodIds);

            // phase 2: safe-mode XML, and the gateway killed after the game accepted one event
            adminPost(standIn, "/__admin/push/config", senderConfig(port, aesKey, "safe", "xml"));
            for (int i = 1; i <= 3; i++) {
                goodIds.addAll(push(standIn, item("safe-" + i, i == 2 ? 2 : 1, 0, null)));
                good.add("safe-" + i);
            }
            for (String t : List.of("msg_signature", "encrypt", "appid", "pay_event_sig")) {
                tamperedIds.addAll(push(standIn, item("tampered-safe-" + t, 1, 0, t)));
            }
            List<String> crashIds = push(standIn, item(CRASH, 1, 0, null));
            goodIds.addAll(crashIds);
            good.add(CRASH);
            if (!killed.await(60, TimeUnit.SECONDS)) {
                Files.copy(
                        dir.resolve("g1.log"),
                        Path.of("/tmp/wt-pushflow-g1.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                throw new AssertionError("the webhook did not get " + CRASH + ": " + delivery(standIn, crashIds.get(0))
                        + " received: "
                        + received.stream()
                                .filter(r -> r.outTradeNo().equals(CRASH))
                                .toList()
                        + " calls " + calls + " metrics "
                        + http.send(
                                        HttpRequest.newBuilder(URI.create(gw + "/metrics"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body()
                                .lines()
                                .filter(l -> l.startsWith("bridge_push"))
                                .toList());
            }
            startGateway(config, env, "g2"); // same port: WeChat keeps pushing to the same URL
            waitFor(() -> states(standIn, goodIds).stream().allMatch("delivered"::equals), standIn, goodIds);

            // the game: each event accepted, once unflagged, every later copy flagged
            Map<String, List<Received>> accepted = new HashMap<>();
            synchronized (received) {
                for (Received r : received) {
                    if (r.accepted()) {
                        accepted.computeIfAbsent(r.outTradeNo(), k -> new ArrayList<>())
                                .add(r);
                    }
                }
            }
            assertEquals(good, accepted.keySet(), "exactly the untampered, unmocked events reached the game");
            accepted.forEach((otn, list) -> {
                for (int i = 1; i < list.size(); i++) {
                    assertTrue(list.get(i).flagged(), otn + ": accepted copy " + (i + 1) + " unflagged: " + list);
                }
                assertTrue(list.stream().filter(r -> !r.flagged()).count() <= 1, otn + ": " + list);
            });
            List<Received> crash = accepted.get(CRASH);
            assertEquals(2, crash.size(), "the event of the kill was delivered again: " + crash);
            assertFalse(crash.get(0).flagged());
            assertTrue(crash.get(1).flagged(), "the redelivery after the kill is flagged a possible duplicate");
            assertEquals(3, calls.get("fail2-1").get(), "refused twice, accepted the third time");
            assertTrue(accepted.get("ok-1").get(0).payment(), "ok-1 is linked to its client payment");
            assertTrue(accepted.get("coin-1").get(0).payment(), "coin-1 is linked to its client payment");
            assertFalse(accepted.get("ok-2").get(0).payment());
            assertTrue(accepted.get("loop-item").get(0).payment(), "the client's purchase is linked to its payment");
            assertTrue(accepted.get("loop-coin").get(0).payment());

            // the stand-in's view: tampered pushes never answered success, the mock answered success
            for (String id : tamperedIds) {
                Map<String, Object> d = delivery(standIn, id);
                List<?> attempts = (List<?>) d.get("attempts");
                assertFalse(attempts.isEmpty(), id);
                for (Object a : attempts) {
                    Map<?, ?> am = (Map<?, ?>) a;
                    // refused ("failure"), or no answer at all while the gateway was being killed ("error")
                    assertTrue(!"success".equals(am.get("outcome")), id + " " + d.get("tamper") + ": " + am);
                }
            }
            waitFor(() -> states(standIn, mockIds).stream().allMatch("delivered"::equals), standIn, mockIds);

            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create(gw + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertTrue(metrics.contains("bridge_push_events_total"), metrics);
        } finally {
            for (Process p : started) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            webhook.stop(0);
        }
    }

    // --- the game's webhook --------------------------------------------------------------------------------

    private HttpServer webhook() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.createContext("/deliver", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, Object> m;
            try {
                m = StrictJson.readObject(body);
            } catch (StrictJson.MalformedJsonException e) {
                exchange.sendResponseHeaders(400, -1);
                exchange.close();
                return;
            }
            String otn = String.valueOf(m.get("out_trade_no"));
            String key = String.valueOf(m.get("dedup_key"));
            boolean flagged = Boolean.TRUE.equals(m.get("possible_duplicate"));
            boolean payment = m.containsKey("client_payment");
            assertEquals(String.valueOf(flagged), exchange.getRequestHeaders().getFirst(GameWebhook.DUPLICATE_HEADER));
            int n = calls.computeIfAbsent(otn, k -> new AtomicInteger()).incrementAndGet();
            if (otn.startsWith("fail2") && n <= 2) {
                received.add(new Received(key, otn, String.valueOf(m.get("event")), flagged, false, payment));
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            received.add(new Received(key, otn, String.valueOf(m.get("event")), flagged, true, payment));
            if (otn.equals(CRASH) && crashed.compareAndSet(false, true)) {
                // accepted: now the gateway dies before it can journal that or answer WeChat
                Process p = gateway.get();
                p.destroyForcibly();
                try {
                    p.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                killed.countDown();
            }
            try {
                exchange.sendResponseHeaders(200, -1);
            } catch (java.io.IOException goneAway) {
                // the gateway that asked is dead
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    // --- the gateway process ----------------------------------------------------------------------------------

    private Path gatewayConfig(String standIn, int port, int webhookPort) throws Exception {
        Path token = dir.resolve("client-payment.token");
        Files.writeString(token, clientToken() + "\n");
        Path config = dir.resolve("gateway.json");
        Files.writeString(config, """
                {"listen": {"port": %d}, "admin": {"port": 0},
                 "reconcile_interval_s": 3600,
                 "push": {"token_env": "E2E_PUSH_TOKEN", "encoding_aes_key_env": "E2E_PUSH_AES_KEY",
                   "in_flight_wait_ms": 300,
                   "webhook": {"url": "http://127.0.0.1:%d/deliver", "timeout_ms": 2000, "max_attempts": 3,
                     "initial_backoff_ms": 50, "max_backoff_ms": 200, "claim_ms": 4000}},
                 "client_payment": {"token_file": "client-payment.token"},
                 "bridge": {"base_url": "%s",
                   "access_token": {"env": "E2E_ACCESS_TOKEN"},
                   "midas_v1": {"appid": "wx0000000000demo", "offer_id": "1450000001"},
                   "pay_v2": {"offer_id": "1450000002"},
                   "routing": {"pay_v2_percent": 100, "midas_v1_openids": ["demo-player-2"]},
                   "journal": {"embedded": "%s", "create": true}}}
                """.formatted(port, webhookPort, standIn, dir.resolve("journal")));
        return config;
    }

    private static Map<String, String> env(String aesKey) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = new HashMap<>();
        env.put("E2E_ACCESS_TOKEN", "demo-access-token");
        env.put("MIDAS_V1_APP_KEY", "demo-midas-v1-production-app-key");
        env.put("MIDAS_V1_SANDBOX_APP_KEY", "demo-midas-v1-sandbox-app-key");
        env.put("PAY_V2_APP_KEY", "demo-pay-v2-production-app-key");
        env.put("PAY_V2_SANDBOX_APP_KEY", "demo-pay-v2-sandbox-app-key");
        env.put("MIDAS_BRIDGE_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("MIDAS_BRIDGE_SESSION_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
        env.put("E2E_PUSH_TOKEN", PUSH_TOKEN);
        env.put("E2E_PUSH_AES_KEY", aesKey);
        return env;
    }

    private String[] startGateway(Path config, Map<String, String> env, String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-Xmx256m",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                        "-cp",
                        System.getProperty("java.class.path"),
                        PushGatewayWorker.class.getName(),
                        config.toString())
                .redirectError(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        gateway.set(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String admin = null;
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("admin ")) {
                admin = line.substring(6);
            } else if (line.startsWith("listening ")) {
                return new String[] {admin, line.substring(10)};
            }
        }
        throw new AssertionError("gateway did not start: " + Files.readString(log));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // --- the stand-in's push sender -----------------------------------------------------------------------

    private static String senderConfig(int port, String aesKey, String mode, String format) {
        return """
                {"url": "http://127.0.0.1:%d%s", "token": "%s", "encoding_aes_key": "%s", "mode": "%s",
                 "format": "%s", "retry_intervals_ms": [100, 200, 300, 500, 500, 1000], "max_attempts": 60,
                 "timeout_ms": 10000, "threads": 4}
                """.formatted(port, PushSettings.DEFAULT_PUSH_PATH, PUSH_TOKEN, aesKey, mode, format);
    }

    private static String item(String outTradeNo, int copies, int env, String tamper) {
        return "{\"event\":\"minigame_game_pay_goods_deliver_notify\",\"openid\":\"demo-player-1\",\"out_trade_no\":\""
                + outTradeNo + "\",\"product_id\":\"sword\",\"quantity\":1,\"orig_price\":100,\"env\":" + env
                + ",\"duplicate\":" + copies + (tamper == null ? "" : ",\"tamper\":\"" + tamper + "\"") + "}";
    }

    private static String coin(String outTradeNo, int copies, int env, String tamper) {
        return "{\"event\":\"minigame_coin_deliver_completed\",\"openid\":\"demo-player-1\",\"out_trade_no\":\""
                + outTradeNo + "\",\"buy_quantity\":10,\"env\":" + env + ",\"duplicate\":" + copies
                + (tamper == null ? "" : ",\"tamper\":\"" + tamper + "\"") + "}";
    }

    private List<String> push(StandInServer standIn, String request) throws Exception {
        Map<String, Object> out = adminPost(standIn, "/__admin/push", request);
        List<String> ids = new ArrayList<>();
        for (Object id : (List<?>) out.get("deliveries")) {
            ids.add((String) id);
        }
        return ids;
    }

    private List<String> states(StandInServer standIn, List<String> ids) {
        try {
            Map<String, Object> all = adminGet(standIn, "/__admin/pushes");
            Map<String, String> byId = new HashMap<>();
            for (Object d : (List<?>) all.get("deliveries")) {
                Map<?, ?> m = (Map<?, ?>) d;
                byId.put((String) m.get("id"), (String) m.get("state"));
            }
            List<String> out = new ArrayList<>();
            for (String id : ids) {
                out.add(byId.getOrDefault(id, "missing"));
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, Object> delivery(StandInServer standIn, String id) throws Exception {
        Map<String, Object> all = adminGet(standIn, "/__admin/pushes?id=" + id);
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) ((List<?>) all.get("deliveries")).get(0);
        return d;
    }

    private Map<String, Object> adminPost(StandInServer standIn, String path, String json) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return StrictJson.readObject(r.body());
    }

    private Map<String, Object> adminGet(StandInServer standIn, String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return StrictJson.readObject(r.body());
    }

    private void waitFor(BooleanSupplier done, StandInServer standIn, List<String> ids) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                List<Object> stuck = new ArrayList<>();
                List<String> states = states(standIn, ids);
                for (int i = 0; i < ids.size(); i++) {
                    if (!"delivered".equals(states.get(i))) {
                        stuck.add(delivery(standIn, ids.get(i)));
                    }
                }
                throw new AssertionError("not delivered in time: " + stuck);
            }
            Thread.sleep(100);
        }
    }

    // --- the gateway's client-payment endpoint and admin API ------------------------------------------------

    private static String clientToken() {
        return "e2e-client-payment-token-0123456789";
    }

    private Map<String, Object> clientPayment(String gw, String json) throws Exception {
        HttpResponse<String> r = postRaw(gw + PushSettings.DEFAULT_CLIENT_PAYMENT_PATH, clientToken(), json);
        assertEquals(200, r.statusCode(), r.body());
        return StrictJson.readObject(r.body());
    }

    private void post(String url, String token, String json) throws Exception {
        HttpResponse<String> r = postRaw(url, token, json);
        assertEquals(200, r.statusCode(), r.body());
    }

    private HttpResponse<String> postRaw(String url, String token, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A random EncodingAESKey: 43 characters of A-Z a-z 0-9 that decode (with "=") to 32 bytes. */
    private static String aesKey() {
        SecureRandom r = new SecureRandom();
        while (true) {
            byte[] k = new byte[32];
            r.nextBytes(k);
            String s = Base64.getEncoder().encodeToString(k).substring(0, 43);
            if (s.matches("[A-Za-z0-9]{43}") && Base64.getDecoder().decode(s + "=").length == 32) {
                return s;
            }
        }
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
