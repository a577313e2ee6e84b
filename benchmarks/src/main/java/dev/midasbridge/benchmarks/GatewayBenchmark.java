package dev.midasbridge.benchmarks;

import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.gateway.Gateway;
import dev.midasbridge.gateway.GatewaySettings;
import dev.midasbridge.gateway.StandIn;
import dev.midasbridge.payv2.PayV2Format;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The gateway's cost (issue 12, measured, not timed tests): the latency a pay_v2 deduction gains by going through the
 * gateway (routed to pay_v2, so the same API answers) instead of straight to the stand-in, at 1 and 64 clients,
 * interleaved per client so that both see the same machine; and durable deductions per second through the gateway at
 * 64 clients. Per journal: in-memory, embedded H2, and PostgreSQL when {@code MIDAS_BRIDGE_PG_URL} is set. Prints
 * {@code RESULT gateway_latency ...} per journal and client count and {@code RESULT gateway_throughput ...} per
 * journal; {@code benchmarks/run gateway} puts them in docs/benchmarks.json and docs/BENCHMARKS.md ({@link Report}).
 */
public final class GatewayBenchmark {
    static final String START = "<!-- gateway benchmark: start -->";
    static final String END = "<!-- gateway benchmark: end -->";
    private static final int PLAYERS = 64;
    private static final Duration PHASE = Duration.ofSeconds(Long.getLong("gateway.bench.seconds", 6));
    private static final MediaType JSON = MediaType.get("application/json");
    private static final AtomicLong ORDER = new AtomicLong();

    private GatewayBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> rows = new ArrayList<>();
        List<String> tput = new ArrayList<>();
        try (StandIn standIn = StandIn.start(StandIn.demoWith(PLAYERS, 1_000_000_000L))) {
            Map<String, JournalSettings> journals = new LinkedHashMap<>();
            journals.put("in-memory", new JournalSettings.InMemory());
            journals.put(
                    "embedded H2",
                    new JournalSettings.Embedded(
                            Files.createTempDirectory("gw-bench").resolve("journal")));
            String pg = System.getenv("MIDAS_BRIDGE_PG_URL");
            if (pg != null && !pg.isBlank()) {
                String pw = System.getenv("MIDAS_BRIDGE_PG_PASSWORD");
                journals.put(
                        "PostgreSQL",
                        new JournalSettings.Jdbc(
                                pg,
                                Optional.ofNullable(System.getenv("MIDAS_BRIDGE_PG_USER"))
                                        .orElse("postgres"),
                                pw == null || pw.isEmpty() ? Optional.empty() : Optional.of(Secret.of(pw)),
                                "gwbench_",
                                16));
            }
            List<Map.Entry<String, String>> players =
                    new ArrayList<>(standIn.sessionKeys().entrySet()).subList(2, 2 + PLAYERS);
            OkHttpClient http = new OkHttpClient.Builder()
                    .connectionPool(new ConnectionPool(128, 5, TimeUnit.MINUTES))
                    .retryOnConnectionFailure(false)
                    .build();
            http.dispatcher().setMaxRequestsPerHost(128);
            for (Map.Entry<String, JournalSettings> j : journals.entrySet()) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                GatewaySettings settings = GatewaySettings.builder(standIn.baseUrl())
                        .listen("127.0.0.1", 0)
                        .maxThreads(128)
                        .sessionEncryptionKey(Secret.of(Base64.getEncoder().encodeToString(key)), "BENCH_KEY")
                        .build();
                try (Gateway g = Gateway.start(standIn.bridgeSettings(100, j.getValue()), settings)) {
                    players.forEach(p -> g.importSessionKey(p.getKey(), p.getValue()));
                    String gw = g.baseUrl().toString();
                    run(http, players, standIn.baseUrl(), gw, 1, Duration.ofSeconds(2)); // warm up
                    for (int clients : new int[] {1, 8, 64}) {
                        long[][] r = run(http, players, standIn.baseUrl(), gw, clients, PHASE);
                        Latencies direct = Latencies.of(new long[][] {r[0]}, new int[] {r[0].length});
                        Latencies through = Latencies.of(new long[][] {r[1]}, new int[] {r[1].length});
                        rows.add(String.format(
                                "| %s | %d | %.0f | %.0f | %.0f | %.0f | %+.0f |",
                                j.getKey(),
                                clients,
                                direct.percentile(0.5) / 1e3,
                                through.percentile(0.5) / 1e3,
                                direct.percentile(0.99) / 1e3,
                                through.percentile(0.99) / 1e3,
                                (through.percentile(0.5) - direct.percentile(0.5)) / 1e3));
                        System.out.printf(
                                java.util.Locale.ROOT,
                                "RESULT gateway_latency journal=%s clients=%d direct_p50_us=%.0f gateway_p50_us=%.0f"
                                        + " direct_p99_us=%.0f gateway_p99_us=%.0f added_p50_us=%.0f direct_per_s=%.0f"
                                        + " gateway_per_s=%.0f%n",
                                key(j.getKey()),
                                clients,
                                direct.percentile(0.5) / 1e3,
                                through.percentile(0.5) / 1e3,
                                direct.percentile(0.99) / 1e3,
                                through.percentile(0.99) / 1e3,
                                (through.percentile(0.5) - direct.percentile(0.5)) / 1e3,
                                r[0].length / (double) PHASE.toSeconds(),
                                r[1].length / (double) PHASE.toSeconds());
                    }
                    long[][] only = run(http, players, null, gw, 64, PHASE);
                    System.out.printf(
                            java.util.Locale.ROOT,
                            "RESULT gateway_throughput journal=%s clients=64 per_s=%.0f%n",
                            key(j.getKey()),
                            only[1].length / (double) PHASE.toSeconds());
                    tput.add(String.format(
                            "| %s | %.0f |%s",
                            j.getKey(),
                            only[1].length / (double) PHASE.toSeconds(),
                            j.getKey().equals("in-memory") ? " not durable: for comparison |" : " |"));
                }
            }
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        System.out.println(section(rows, tput));
    }

    /** The journal's key in RESULT lines and docs/benchmarks.json. */
    private static String key(String journal) {
        return switch (journal) {
            case "in-memory" -> "in_memory";
            case "embedded H2" -> "embedded";
            default -> "postgres";
        };
    }

    /**
     * {@code clients} threads for {@code time}, each alternating a pre-signed pay_v2 deduction straight to
     * {@code direct} (skipped when null) and through {@code gateway}; returns the latencies (ns) of each side.
     */
    private static long[][] run(
            OkHttpClient http,
            List<Map.Entry<String, String>> players,
            String direct,
            String gateway,
            int clients,
            Duration time)
            throws InterruptedException {
        List<long[]> d = java.util.Collections.synchronizedList(new ArrayList<>());
        List<long[]> t = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(clients);
        long end = System.nanoTime() + time.toNanos();
        for (int c = 0; c < clients; c++) {
            Map.Entry<String, String> player = players.get(c % players.size());
            new Thread(() -> {
                        long[] mine = new long[1 << 16];
                        long[] theirs = new long[1 << 16];
                        int m = 0;
                        int n = 0;
                        try {
                            while (System.nanoTime() < end && n < mine.length) {
                                if (direct != null) {
                                    theirs[m++] = pay(http, direct, player);
                                }
                                mine[n++] = pay(http, gateway, player);
                            }
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        } finally {
                            d.add(java.util.Arrays.copyOf(theirs, m));
                            t.add(java.util.Arrays.copyOf(mine, n));
                            done.countDown();
                        }
                    })
                    .start();
        }
        done.await();
        return new long[][] {
            d.stream().flatMapToLong(java.util.Arrays::stream).toArray(),
            t.stream().flatMapToLong(java.util.Arrays::stream).toArray()
        };
    }

    private static long pay(OkHttpClient http, String base, Map.Entry<String, String> player) throws IOException {
        String path = "/wxa/game/pay";
        String body = "{\"offer_id\":\"1450000002\",\"openid\":\"" + player.getKey() + "\",\"ts\":"
                + System.currentTimeMillis() / 1000 + ",\"zone_id\":\"1\",\"env\":0,\"amount\":1,\"bill_no\":\"GB"
                + ORDER.incrementAndGet() + "-" + System.nanoTime() + "\"}";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String url = base + path + "?access_token=demo-access-token&signature="
                + PayV2Format.signature(b, Secret.of(player.getValue())) + "&sig_method=hmac_sha256&pay_sig="
                + PayV2Format.paySig(path, b, Secret.of("demo-pay-v2-production-app-key"));
        long t0 = System.nanoTime();
        try (Response r = http.newCall(new Request.Builder()
                        .url(url)
                        .post(RequestBody.create(b, JSON))
                        .build())
                .execute()) {
            String answer = r.body() == null ? "" : r.body().string();
            if (!answer.startsWith("{\"errcode\":0")) {
                throw new IOException("not a successful deduction: " + answer);
            }
        }
        return System.nanoTime() - t0;
    }

    private static String section(List<String> rows, List<String> tput) {
        StringBuilder s = new StringBuilder(START).append("\n## Gateway: added latency and durable deductions\n\n");
        s.append("Written by `benchmarks/run gateway`. A pay_v2 deduction (1 coin, fresh bill_no, pre-signed by the"
                        + " client) sent straight to the stand-in, and the same request through the gateway (routed to pay_v2,"
                        + " so the same API answers: the gateway checks both signatures, journals, re-signs and sends), each"
                        + " client alternating the two so that both see the same machine; ")
                .append(PHASE.toSeconds())
                .append(" s per row, 64 players.\n\n");
        s.append("| journal | clients | direct p50 (µs) | gateway p50 (µs) | direct p99 (µs) | gateway p99 (µs) |"
                + " added p50 (µs) |\n|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> s.append(r).append('\n'));
        s.append("\nDeductions per second through the gateway alone, 64 clients:\n\n| journal | deductions/s | |\n"
                + "|---|---|---|\n");
        tput.forEach(r -> s.append(r).append('\n'));
        s.append("\nReproduce: `benchmarks/run gateway` (set `MIDAS_BRIDGE_PG_URL` to add the PostgreSQL journal).\n")
                .append(END)
                .append('\n');
        return s.toString();
    }
}
