package dev.midasbridge.benchmarks;

import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.payv2.PayV2Format;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Issue 7, figure 4: the stand-in server under load. Sustained, correctly signed pay_v2 {@code pay} requests (1 coin,
 * fresh order numbers) per second over loopback with keep-alive, for 1, 8 and 64 concurrent clients (threads, each
 * its own player, one shared OkHttp client whose pool keeps every connection), with p50 and p99 latency. Every
 * client's requests are pre-signed before timing; each level is warmed up, then run for a fixed duration; every
 * answer must be errcode 0, and at the end each player's balance must equal its seed minus the pays it was sent.
 *
 * <p>By default the server runs in a SEPARATE JVM ({@code java -jar simulator/target/simulator.jar --host 127.0.0.1
 * --port 0 --config FILE}, a generated config with 64 players of 10^15 coins), so client and server do not share a
 * heap, JIT or GC; {@code --in-process} runs it in this JVM instead. Both share the machine's cores either way.
 *
 * <p>Run (from the project root, after {@code mvn -B -o -q -pl benchmarks -am package -Dmaven.test.skip=true}):
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.midasbridge.benchmarks.ServerLoad</pre>
 * Options: {@code --seconds N} (measured, default 10), {@code --warmup N} (per level, default 3), {@code --clients
 * 1,8,64}, {@code --simulator-jar PATH}, {@code --in-process}, {@code --server-jvm-arg ARG} (repeatable, e.g. a
 * JFR recording). Also prints the server process's CPU time per request ({@code server_cpu_us}): the figure other
 * load on a shared machine changes least. Prints human lines and one
 * {@code RESULT server_load clients=N rps=... p50_ms=... p99_ms=... errors=...} per level. Stops by itself.
 */
public final class ServerLoad {
    private static final int PLAYERS = 64;
    /** Extra arguments for the server's JVM (e.g. a JFR recording while profiling). */
    private static final List<String> SERVER_JVM_ARGS = new ArrayList<>();
    /** Upper bound on a whole run: the server process is killed and this JVM exits after it. */
    private static final long RUN_LIMIT_MINUTES = 6;

    private final PresignedPays pays;
    private final OkHttpClient client;
    /** Pays answered errcode 0, per player, over every phase: what the ledger check expects. */
    private final AtomicLongArray applied = new AtomicLongArray(PLAYERS);

    private ServerLoad(PresignedPays pays, OkHttpClient client) {
        this.pays = pays;
        this.client = client;
    }

    /** One level's figures. */
    record Level(int clients, long requests, long errors, double seconds, Latencies latencies, boolean ranOut) {
        double rps() {
            return requests / seconds;
        }

        double ms(double p) {
            return latencies.percentile(p) / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int warmup = 3;
        int[] levels = {1, 8, 64};
        boolean inProcess = false;
        Path simulatorJar = Path.of("simulator", "target", "simulator.jar");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = positive(args, ++i);
                case "--warmup" -> warmup = positive(args, ++i);
                case "--clients" ->
                    levels = Arrays.stream(value(args, ++i).split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
                case "--simulator-jar" -> simulatorJar = Path.of(value(args, ++i));
                case "--in-process" -> inProcess = true;
                case "--server-jvm-arg" -> SERVER_JVM_ARGS.add(value(args, ++i));
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i]
                                    + " (known: --seconds N, --warmup N, --clients 1,8,64, --simulator-jar PATH, --in-process)");
            }
        }
        for (int c : levels) {
            if (c < 1 || c > PLAYERS) {
                throw new IllegalArgumentException("--clients: each level must be 1 to " + PLAYERS + ", got " + c);
            }
        }
        Thread limit = new Thread(
                () -> {
                    try {
                        Thread.sleep(TimeUnit.MINUTES.toMillis(RUN_LIMIT_MINUTES));
                        System.err.println(
                                "server-load: still running after " + RUN_LIMIT_MINUTES + " minutes: giving up");
                        System.exit(3);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "server-load-limit");
        limit.setDaemon(true);
        limit.start();

        SimulatorConfig config = BenchWorld.config(PLAYERS);
        try (Server server = inProcess ? Server.inProcess(config) : Server.separate(simulatorJar)) {
            System.out.println("stand-in server: " + server.description() + " at " + server.baseUrl());
            int maxClients = Arrays.stream(levels).max().orElse(1);
            OkHttpClient client = new OkHttpClient.Builder()
                    .connectionPool(new ConnectionPool(maxClients + 8, 5, TimeUnit.MINUTES))
                    .retryOnConnectionFailure(false)
                    .build();
            ServerLoad load = new ServerLoad(PresignedPays.forServer(server.baseUrl(), config), client);
            System.out.printf(Locale.ROOT, "warming both JVMs up: 8 clients for %d s%n", 2 * warmup);
            load.run(Math.min(8, maxClients), "G", 2 * warmup, load.calibrationBatch(Math.min(8, maxClients)));
            List<Level> results = new ArrayList<>();
            for (int c : levels) {
                Level w = load.run(c, "W" + c + "x", warmup, load.calibrationBatch(c));
                // The warm-up's rate sizes the measured batches: 4x what the fastest client managed, plus slack
                // (a warm-up still compiling can be several times slower than the measured run).
                int perClient = (int) Math.min(4 * w.rps() / c * seconds * 1.0 + 5_000, 3_000_000);
                long cpu0 = server.cpuNanos();
                Level m = load.run(c, "M" + c + "x", seconds, perClient);
                long cpu1 = server.cpuNanos();
                // The server's own CPU per answered request: what other load on the machine changes least.
                double cpuUs = cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e3 / Math.max(1, m.requests());
                results.add(m);
                String where = server.description().startsWith("separate") ? "separate_jvm" : "in_process";
                System.out.printf(
                        Locale.ROOT,
                        "%2d clients: %8.0f requests/s, p50 %.3f ms, p99 %.3f ms, %d requests"
                                + " in %.2f s, %d errors%s%n",
                        c,
                        m.rps(),
                        m.ms(0.50),
                        m.ms(0.99),
                        m.requests(),
                        m.seconds(),
                        m.errors(),
                        m.ranOut() ? " (A CLIENT RAN OUT OF PRE-SIGNED REQUESTS: figures too low)" : "");
                System.out.printf(
                        Locale.ROOT,
                        "RESULT server_load clients=%d rps=%.0f p50_ms=%.3f p99_ms=%.3f "
                                + "requests=%d errors=%d seconds=%.2f server=%s ran_out=%s server_cpu_us=%.1f%n",
                        c,
                        m.rps(),
                        m.ms(0.50),
                        m.ms(0.99),
                        m.requests(),
                        m.errors(),
                        m.seconds(),
                        where,
                        m.ranOut(),
                        cpuUs);
            }
            long mismatched = load.checkLedger(maxClients);
            System.out.println(
                    mismatched == 0
                            ? "ledger check: every player's balance is its seed minus the pays answered errcode 0"
                            : "ledger check FAILED for " + mismatched + " players");
            System.out.printf(
                    Locale.ROOT,
                    "RESULT server_load_check errors=%d ledger_mismatches=%d%n",
                    results.stream().mapToLong(Level::errors).sum(),
                    mismatched);
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
        System.exit(0);
    }

    /** Pre-signed pays per client for a warm-up: more than a client can send in a few seconds at any level. */
    int calibrationBatch(int clients) {
        return Math.max(4_000, 80_000 / clients);
    }

    /**
     * Runs {@code clients} threads, each sending its own {@code perClient} pre-signed pays (order numbers
     * {@code tag + client + "-" + i}) back to back for {@code seconds}, and records every latency.
     */
    Level run(int clients, String tag, int seconds, int perClient) throws InterruptedException {
        Request[][] batches = new Request[clients][];
        for (int k = 0; k < clients; k++) {
            batches[k] = pays.pays(BenchWorld.player(k), BenchWorld.sessionKey(k), tag + k + "-", perClient);
        }
        long[][] latencies = new long[clients][perClient];
        // The batches (hundreds of MB at 64 clients) settle in the old generation before the clock starts: otherwise
        // the first young collections of the run copy them, pausing every client for 100 ms and more (that was the
        // p99 at 64 clients before issue 14 as much as the server).
        System.gc();
        int[] done = new int[clients];
        long[] errors = new long[clients];
        boolean[] ranOut = new boolean[clients];
        long[] finished = new long[clients];
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[clients];
        long[] startAt = new long[1];
        for (int k = 0; k < clients; k++) {
            int me = k;
            threads[k] = new Thread(
                    () -> {
                        ready.countDown();
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long deadline = startAt[0] + TimeUnit.SECONDS.toNanos(seconds);
                        Request[] mine = batches[me];
                        long[] lat = latencies[me];
                        int n = 0;
                        long now = System.nanoTime();
                        while (now < deadline) {
                            if (n == mine.length) {
                                ranOut[me] = true;
                                break;
                            }
                            long t0 = now;
                            boolean ok;
                            try {
                                ok = PresignedPays.sendOk(client, mine[n]);
                            } catch (IOException e) {
                                ok = false;
                            }
                            now = System.nanoTime();
                            lat[n++] = now - t0;
                            if (ok) {
                                applied.incrementAndGet(me);
                            } else {
                                errors[me]++;
                            }
                        }
                        done[me] = n;
                        finished[me] = now;
                    },
                    "client-" + k);
            threads[k].start();
        }
        ready.await();
        startAt[0] = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long end = Arrays.stream(finished).max().orElse(startAt[0]);
        long requests = Arrays.stream(done).asLongStream().sum();
        boolean anyRanOut = false;
        for (boolean b : ranOut) {
            anyRanOut |= b;
        }
        return new Level(
                clients,
                requests,
                Arrays.stream(errors).sum(),
                (end - startAt[0]) / 1e9,
                Latencies.of(latencies, done),
                anyRanOut);
    }

    /** Asks the server each player's balance; returns how many differ from the seed minus the pays applied. */
    long checkLedger(int players) throws IOException {
        long mismatched = 0;
        for (int k = 0; k < players; k++) {
            Player p = BenchWorld.player(k);
            try (Response r =
                    client.newCall(pays.balance(p, BenchWorld.sessionKey(k))).execute()) {
                String text = r.body() == null ? "" : r.body().string();
                long expected = BenchWorld.BALANCE - applied.get(k);
                String balance;
                try {
                    balance = String.valueOf(PayV2Format.readBalance(text).balance());
                } catch (PaymentException e) {
                    balance = "unreadable (" + e.getMessage() + ")";
                }
                if (!balance.equals(String.valueOf(expected))) {
                    System.out.println("  " + p.openid() + ": balance " + balance + ", expected " + expected);
                    mismatched++;
                }
            }
        }
        return mismatched;
    }

    /** The stand-in server, in a separate JVM or in this one. */
    private interface Server extends AutoCloseable {
        String baseUrl();

        String description();

        /** The server process's CPU time so far (user and system), or -1 when it shares this JVM. */
        default long cpuNanos() {
            return -1;
        }

        @Override
        void close();

        static Server inProcess(SimulatorConfig config) {
            StandInServer s = StandInServer.start(config, StandInServer.Options.defaults());
            return new Server() {
                public String baseUrl() {
                    return s.baseUrl();
                }

                public String description() {
                    return "in this JVM";
                }

                public void close() {
                    s.close();
                }
            };
        }

        static Server separate(Path jar) throws IOException, InterruptedException {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("--simulator-jar " + jar + ": no such file (build it with mvn -B -o "
                        + "-q -pl benchmarks -am package -Dmaven.test.skip=true, and run from the project root)");
            }
            Path dir = Files.createTempDirectory("midas-server-load");
            Path configFile = dir.resolve("config.json");
            Files.writeString(configFile, BenchWorld.json(PLAYERS), StandardCharsets.UTF_8);
            Path log = dir.resolve("simulator.log");
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(SERVER_JVM_ARGS);
            command.addAll(List.of(
                    "-jar", jar.toString(), "--host", "127.0.0.1", "--port", "0", "--config", configFile.toString()));
            Process process =
                    new ProcessBuilder(command).redirectError(log.toFile()).start();
            Thread killer = new Thread(process::destroyForcibly, "simulator-killer");
            Runtime.getRuntime().addShutdownHook(killer);
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while (url == null && System.nanoTime() < giveUp && (line = out.readLine()) != null) {
                int at = line.indexOf("listening on ");
                if (at >= 0) {
                    url = line.substring(at + "listening on ".length()).split(" ")[0];
                }
            }
            if (url == null) {
                process.destroyForcibly();
                throw new IllegalStateException("the simulator did not say where it listens; see " + log);
            }
            Thread drain = new Thread(
                    () -> {
                        try {
                            while (out.readLine() != null) {
                                // keep its stdout from filling up
                            }
                        } catch (IOException ignored) {
                            // the process ended
                        }
                    },
                    "simulator-stdout");
            drain.setDaemon(true);
            drain.start();
            String baseUrl = url;
            long pid = process.pid();
            return new Server() {
                public String baseUrl() {
                    return baseUrl;
                }

                public long cpuNanos() {
                    return process.toHandle()
                            .info()
                            .totalCpuDuration()
                            .map(d -> d.toNanos())
                            .orElse(-1L);
                }

                public String description() {
                    return "separate JVM (pid " + pid + ", java -jar " + jar + ", config " + configFile + ")";
                }

                public void close() {
                    process.destroy();
                    try {
                        if (!process.waitFor(10, TimeUnit.SECONDS)) {
                            process.destroyForcibly();
                        }
                        Files.deleteIfExists(configFile);
                        Files.deleteIfExists(log);
                        Files.deleteIfExists(dir);
                    } catch (InterruptedException e) {
                        process.destroyForcibly();
                        Thread.currentThread().interrupt();
                    } catch (IOException e) {
                        System.err.println("server-load: could not delete " + dir + ": " + e.getMessage());
                    }
                }
            };
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static int positive(String[] args, int i) {
        int v = Integer.parseInt(value(args, i));
        if (v < 1) {
            throw new IllegalArgumentException(args[i - 1] + " must be at least 1, got " + v);
        }
        return v;
    }
}
