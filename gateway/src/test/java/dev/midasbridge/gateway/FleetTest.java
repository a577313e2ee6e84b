package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.midas.v1.MidasV1Format;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * A fleet: 3 gateway processes on one PostgreSQL database (MIDAS_BRIDGE_PG_URL) in front of one stand-in, 64 concurrent
 * midas 1.0 clients, every order sent to two instances at once, one instance killed with SIGKILL mid-run and
 * restarted, session keys imported into one instance only. Every order applied exactly once, the ledger exact, and
 * reconcile leaves nothing unresolved.
 */
class FleetTest {
    private static final int ORDERS = 240;
    private static final int PLAYERS = 30;

    @Test
    void threeInstancesOnePostgresOneKilled() throws Exception {
        try (Connection c = PgTest.connect()) {
            c.createStatement()
                    .execute("DROP TABLE IF EXISTS gwfleet_order_events, gwfleet_orders, gwfleet_push_deliveries,"
                            + " gwfleet_client_payments,"
                            + " gwfleet_schema_history, gateway_session_keys, gateway_leases, gateway_schema_history");
        }
        List<Process> started = new ArrayList<>();
        try (StandIn standIn = StandIn.start(StandIn.demoWith(PLAYERS - 2))) {
            Path dir = Files.createTempDirectory("fleet");
            Path config = dir.resolve("gateway.json");
            Files.writeString(config, """
                    {"listen": {"port": 0}, "admin": {"port": 0},
                     "reconcile_interval_s": 2,
                     "bridge": {"base_url": "%s",
                       "access_token": {"env": "FLEET_TOKEN"},
                       "midas_v1": {"appid": "wx0000000000demo", "offer_id": "1450000001"},
                       "pay_v2": {"offer_id": "1450000002"},
                       "routing": {"pay_v2_percent": 50},
                       "legacy_order_prefix": "L",
                       "call_timeout_ms": 2000,
                       "retry": {"max_attempts": 4, "initial_backoff_ms": 50, "max_backoff_ms": 300, "budget_ms": 3000},
                       "journal": {"url": "%s", "user": "%s", "password_env": "MIDAS_BRIDGE_PG_PASSWORD",
                         "table_prefix": "gwfleet_", "pool_size": 4}}}
                    """.formatted(standIn.baseUrl(), PgTest.URL, PgTest.USER));
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Map<String, String> env = new HashMap<>(Map.of(
                    "FLEET_TOKEN",
                    "demo-access-token",
                    "MIDAS_V1_APP_KEY",
                    "demo-midas-v1-production-app-key",
                    "MIDAS_V1_SANDBOX_APP_KEY",
                    "demo-midas-v1-sandbox-app-key",
                    "PAY_V2_APP_KEY",
                    "demo-pay-v2-production-app-key",
                    "PAY_V2_SANDBOX_APP_KEY",
                    "demo-pay-v2-sandbox-app-key",
                    "MIDAS_BRIDGE_ADMIN_TOKEN",
                    "fleet-admin",
                    "MIDAS_BRIDGE_SESSION_KEY_ENCRYPTION_KEY",
                    Base64.getEncoder().encodeToString(key)));
            if (PgTest.PASSWORD != null) {
                env.put("MIDAS_BRIDGE_PG_PASSWORD", PgTest.PASSWORD);
            }
            AtomicReferenceArray<String> urls = new AtomicReferenceArray<>(3);
            Process[] procs = new Process[3];
            String[] admin = new String[3];
            for (int i = 0; i < 3; i++) {
                String[] u = startWorker(config, env, dir.resolve("w" + i + ".log"), started);
                procs[i] = started.get(started.size() - 1);
                admin[i] = u[0];
                urls.set(i, u[1]);
            }
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            // session keys known to instance 0 only: the others read them from the shared database
            StringBuilder keys = new StringBuilder("{\"session_keys\":[");
            standIn.sessionKeys()
                    .forEach((o, k) -> keys.append("{\"openid\":\"")
                            .append(o)
                            .append("\",\"session_key\":\"")
                            .append(k)
                            .append("\"},"));
            keys.setLength(keys.length() - 1);
            keys.append("]}");
            assertEquals(
                    200,
                    http.send(
                                    HttpRequest.newBuilder(URI.create(admin[0] + "/admin/session-keys"))
                                            .header("Authorization", "Bearer fleet-admin")
                                            .POST(HttpRequest.BodyPublishers.ofString(keys.toString()))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());

            Map<String, Long> start = new HashMap<>();
            standIn.sessionKeys().keySet().forEach(o -> start.put(o, standIn.balance(o)));
            List<String> openids = new ArrayList<>(standIn.sessionKeys().keySet());
            Map<String, Long> expectedSpent = new HashMap<>();
            AtomicInteger done = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(64);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                int n = i;
                String openid = openids.get(n % PLAYERS);
                long amt = 1 + n % 3;
                expectedSpent.merge(openid, amt, Long::sum);
                String sessionKey = standIn.sessionKeys().get(openid);
                for (int copy = 0; copy < 2; copy++) {
                    int first = (n + copy) % 3;
                    futures.add(pool.submit(() -> {
                        payUntilDefinite(http, urls, first, openid, sessionKey, "F-" + n, amt);
                        done.incrementAndGet();
                        return null;
                    }));
                }
            }
            // kill instance 2 with SIGKILL a third of the way through, then restart it
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (done.get() < ORDERS * 2 / 3) {
                assertTrue(System.nanoTime() < giveUp, "a third of the orders done within 300 s");
                Thread.sleep(20);
            }
            procs[2].destroyForcibly();
            procs[2].waitFor(10, TimeUnit.SECONDS);
            urls.set(2, null);
            String[] again = startWorker(config, env, dir.resolve("w2b.log"), started);
            urls.set(2, again[1]);
            for (Future<?> f : futures) {
                f.get(300, TimeUnit.SECONDS);
            }
            pool.shutdown();

            HttpResponse<String> reco = http.send(
                    HttpRequest.newBuilder(URI.create(admin[0] + "/admin/reconcile"))
                            .header("Authorization", "Bearer fleet-admin")
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reco.statusCode(), reco.body());
            for (String o : openids) {
                assertEquals(
                        start.get(o) - expectedSpent.getOrDefault(o, 0L),
                        standIn.balance(o),
                        "every order applied exactly once for " + o);
            }
            try (Journal j =
                    new JournalSettings.Jdbc(PgTest.URL, PgTest.USER, PgTest.password(), "gwfleet_", 2).open()) {
                assertTrue(j.unresolved().isEmpty(), "nothing left unresolved: " + j.unresolved());
                assertEquals(ORDERS, j.list(100_000).size(), "one journal row per order");
            }
        } finally {
            for (Process p : started) {
                p.destroy();
                p.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** The game's loop: send, and on -1 or a dropped connection send the same bill_no again (next instance). */
    private static void payUntilDefinite(
            HttpClient http,
            AtomicReferenceArray<String> urls,
            int first,
            String openid,
            String sessionKey,
            String billNo,
            long amt)
            throws Exception {
        String path = "/cgi-bin/midas/pay";
        for (int attempt = 0; attempt < 200; attempt++) {
            String base = urls.get((first + attempt) % 3);
            if (base == null) {
                Thread.sleep(50);
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("openid", openid);
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
            body.put(
                    "mp_sig", MidasV1Format.mpSig(path, p, sig, Secret.of("demo-access-token"), Secret.of(sessionKey)));
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + path + "?access_token=demo-access-token"))
                                .timeout(Duration.ofSeconds(20))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(StrictJson.writeBytes(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                Object errcode =
                        r.statusCode() == 200 ? StrictJson.readObject(r.body()).get("errcode") : null;
                if (Long.valueOf(0).equals(errcode)) {
                    return;
                }
                if (errcode != null && !Long.valueOf(-1).equals(errcode)) {
                    throw new AssertionError(billNo + ": definite refusal " + r.body());
                }
            } catch (java.io.IOException dropped) {
                // the instance died or refused: the same bill_no again, elsewhere
            }
            Thread.sleep(100);
        }
        throw new AssertionError(billNo + ": no definite answer");
    }

    private static String[] startWorker(Path config, Map<String, String> env, Path log, List<Process> started)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        FleetWorker.class.getName(),
                        config.toString())
                .redirectError(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String admin = null;
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("admin ")) {
                admin = line.substring(6);
            } else if (line.startsWith("listening ")) {
                return new String[] {admin, line.substring(10)};
            }
        }
        throw new AssertionError("worker did not start: " + Files.readString(log));
    }
}
