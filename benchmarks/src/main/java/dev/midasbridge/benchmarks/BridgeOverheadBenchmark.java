package dev.midasbridge.benchmarks;

import dev.midasbridge.app.BridgeApplication;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.app.standin.StandInSettings;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import dev.midasbridge.journal.jdbc.JdbcJournal;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Issue 7, figure 2: what the bridge adds to a deduction. Every variant makes REAL 1-coin deductions with fresh order
 * numbers against a stand-in server in the benchmark JVM on loopback (one player with 10^15 coins, pay_v2):
 * {@code raw} only POSTs pre-signed bytes on one keep-alive {@link OkHttpClient} and checks errcode 0;
 * {@code bridgeInMemory}, {@code bridgeEmbedded} (H2 file in a temp dir) and {@code bridgePostgres} call
 * {@link GameCurrency#deduct} on a bridge wired by {@link BridgeModule} + {@link StandInSettings} (routing, journal,
 * adapter, signing, JSON). Average time per op in microseconds, same warmup and measurement, one fork each.
 *
 * <p>Run (from the project root, after {@code mvn -B -o -q -pl benchmarks -am package -Dmaven.test.skip=true}):
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.midasbridge.benchmarks.BridgeOverheadBenchmark</pre>
 * It prints JMH's table, then {@code RESULT bridge_overhead ...} with the ratios bridge/raw. The PostgreSQL variant
 * runs only when {@code MIDAS_BRIDGE_PG_URL} is set (user {@code MIDAS_BRIDGE_PG_USER}, default postgres; password
 * {@code MIDAS_BRIDGE_PG_PASSWORD}; tables under a throw-away prefix, dropped afterwards). Extra arguments are JMH's
 * own, e.g. {@code -jvmArgsAppend -XX:StartFlightRecording=filename=bridge.jfr}. After JMH it runs
 * {@link InterleavedOverhead}, raw and in-memory bridge alternating in one JVM, as a cross-check that load from other
 * processes cannot skew ({@code RESULT bridge_overhead_interleaved ...}; {@code -Dbench.skipInterleaved=true} skips
 * it). Secondary figures per op: CPU of the calling thread and of the whole JVM ({@link CpuMeter}); the
 * {@code rawAdapterClient} variant is a diagnostic (raw on the adapter's OkHttp settings).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class BridgeOverheadBenchmark {
    static final String PG_URL = "MIDAS_BRIDGE_PG_URL";
    static final String PG_USER = "MIDAS_BRIDGE_PG_USER";
    static final String PG_PASSWORD = "MIDAS_BRIDGE_PG_PASSWORD";
    /** The in-memory bridge's target: at most this many times the raw POST. */
    static final double TARGET = 1.15;

    static final int INTERLEAVED_WARMUP = 40;
    static final int INTERLEAVED_ROUNDS = 60;

    /**
     * Secondary figures, for where the time goes: the CPU time of the calling thread per op ({@code threadCpuNanos}:
     * everything the caller's thread runs, bridge, adapter, OkHttp and the socket system calls, but not the server)
     * and of this whole JVM ({@code cpuNanos}: the caller, the in-JVM stand-in server, JIT and GC), each from the
     * first op of an iteration to its end. {@link #main} divides them by {@code ops}.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuMeter {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        public long cpuNanos;
        public long threadCpuNanos;
        public long ops;
        private long processAtStart;
        private long threadAtStart;

        /** Counts one op; the first of the iteration starts the clocks, so iteration setups are not counted. */
        void tick() {
            if (ops++ == 0) {
                processAtStart = OS.getProcessCpuTime();
                threadAtStart = THREADS.getCurrentThreadCpuTime();
            }
        }

        @TearDown(Level.Iteration)
        public void end() {
            cpuNanos = ops == 0 ? 0 : OS.getProcessCpuTime() - processAtStart;
            threadCpuNanos = ops == 0 ? 0 : THREADS.getCurrentThreadCpuTime() - threadAtStart;
        }
    }

    /** The raw variant: a stand-in server, one shared keep-alive client, and a batch of pre-signed pays. */
    @State(Scope.Thread)
    public static class RawClient {
        /** No POST over loopback to this server is faster than this: sizes the first batch. */
        private static final long FIRST_NANOS_PER_OP = 20_000;

        private static final long FLOOR_NANOS_PER_OP = 50_000;

        StandInServer server;
        OkHttpClient client;
        /** The client with the settings the pay_v2 adapter gives its own (a call timeout among them). */
        OkHttpClient adapterLikeClient;

        PresignedPays pays;
        Request[] batch = new Request[0];
        int next;
        int usedLast;
        long lastIterationNanos;
        int iteration;

        @Setup(Level.Trial)
        public void start() {
            SimulatorConfig config = BenchWorld.config(1);
            server = StandInServer.start(config, StandInServer.Options.defaults());
            client = new OkHttpClient();
            Duration timeout = BridgeConfig.builder().build().callTimeout();
            adapterLikeClient = client.newBuilder()
                    .callTimeout(timeout)
                    .readTimeout(timeout)
                    .writeTimeout(timeout)
                    .retryOnConnectionFailure(false)
                    .followRedirects(false)
                    .followSslRedirects(false)
                    .build();
            pays = PresignedPays.forServer(server.baseUrl(), config);
        }

        /**
         * Pre-signs more pays than the iteration can send: 6x what the last iteration's rate would send in this
         * one, and at least one per 50 us (the first iteration: one per 20 us, faster than loopback HTTP can go).
         */
        @Setup(Level.Iteration)
        public void presign(IterationParams params) {
            long iterationNanos = params.getTime().convertTo(TimeUnit.NANOSECONDS);
            long wanted = usedLast == 0
                    ? iterationNanos / FIRST_NANOS_PER_OP
                    : Math.max(iterationNanos / FLOOR_NANOS_PER_OP, (long)
                            (6.0 * usedLast * iterationNanos / lastIterationNanos));
            int n = (int) Math.min(wanted, 2_000_000);
            batch = null;
            batch = pays.pays(BenchWorld.player(0), BenchWorld.sessionKey(0), "R" + iteration++ + "-", n);
            next = 0;
            lastIterationNanos = iterationNanos;
        }

        @TearDown(Level.Iteration)
        public void count() {
            usedLast = next;
        }

        @TearDown(Level.Trial)
        public void stop() {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
            server.close();
        }

        Request nextRequest() {
            if (next == batch.length) {
                throw new IllegalStateException("the " + batch.length + " pre-signed pays ran out within the "
                        + "iteration: raise the batch (a reused order would be a duplicate, not a pay)");
            }
            return batch[next++];
        }
    }

    /** A bridge over a stand-in server, journaling into what {@link #journal()} says. */
    abstract static class BridgeClient {
        StandInServer server;
        GameCurrency currency;
        Player player;
        PlayerSession session;
        String prefix;
        long counter;

        abstract JournalSettings journal();

        void startBridge() {
            SimulatorConfig config = BenchWorld.config(1);
            server = StandInServer.start(config, StandInServer.Options.defaults());
            BridgeConfig bridge = BridgeConfig.builder()
                    .router(Router.create(RoutingPolicy.allPayV2()))
                    .build();
            currency = BridgeApplication.injector((StandInSettings.of(server.baseUrl(), config, journal(), bridge)))
                    .getInstance(GameCurrency.class);
            player = BenchWorld.player(0);
            session = PlayerSession.of(player.openid(), BenchWorld.sessionKey(0).reveal());
            prefix = "B" + Long.toHexString(System.nanoTime()) + "-";
        }

        DeductionReceipt deductOne() {
            return currency.deduct(
                    Deduction.of(player, 1, OrderNo.of(prefix + counter++)), session, Environment.PRODUCTION);
        }

        void stopBridge() throws Exception {
            currency.journal().close();
            server.close();
        }
    }

    /** The bridge with {@link JournalSettings.InMemory}. */
    @State(Scope.Thread)
    public static class InMemoryBridge extends BridgeClient {
        @Override
        JournalSettings journal() {
            return new JournalSettings.InMemory();
        }

        @Setup(Level.Trial)
        public void start() {
            startBridge();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            stopBridge();
        }
    }

    /** The bridge with {@link JournalSettings.Embedded}: an H2 file in a fresh temp dir, deleted afterwards. */
    @State(Scope.Thread)
    public static class EmbeddedBridge extends BridgeClient {
        Path dir;

        @Override
        JournalSettings journal() {
            return new JournalSettings.Embedded(dir.resolve("journal"));
        }

        @Setup(Level.Trial)
        public void start() throws IOException {
            dir = Files.createTempDirectory("midas-bench-journal");
            startBridge();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            stopBridge();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** The bridge with {@link JournalSettings.Jdbc} on {@code MIDAS_BRIDGE_PG_URL}, under a throw-away prefix. */
    @State(Scope.Thread)
    public static class PostgresBridge extends BridgeClient {
        String tablePrefix;

        @Override
        JournalSettings journal() {
            String url = System.getenv(PG_URL);
            if (url == null || url.isBlank()) {
                throw new IllegalStateException(PG_URL + " is not set: the PostgreSQL variant cannot run (the main "
                        + "method leaves it out then)");
            }
            String user = Optional.ofNullable(System.getenv(PG_USER))
                    .filter(u -> !u.isBlank())
                    .orElse("postgres");
            Optional<Secret> password =
                    Optional.ofNullable(System.getenv(PG_PASSWORD)).map(Secret::of);
            return new JournalSettings.Jdbc(url, user, password, tablePrefix, 4);
        }

        @Setup(Level.Trial)
        public void start() {
            tablePrefix =
                    "mbbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
            startBridge();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            if (currency.journal() instanceof JdbcJournal jdbc) {
                jdbc.dropTables();
            }
            stopBridge();
        }
    }

    @Benchmark
    public boolean raw(RawClient s, CpuMeter cpu) throws IOException {
        cpu.tick();
        if (!PresignedPays.sendOk(s.client, s.nextRequest())) {
            throw new IllegalStateException("the stand-in server did not answer errcode 0 to a pre-signed pay");
        }
        return true;
    }

    /**
     * Diagnostic, not one of the issue's figures: {@code raw} on a client configured as the adapter configures its
     * own (a 5 s call timeout, read and write timeouts, no silent retries or redirects), to tell the cost of that
     * configuration from the bridge's own work.
     */
    @Benchmark
    public boolean rawAdapterClient(RawClient s, CpuMeter cpu) throws IOException {
        cpu.tick();
        if (!PresignedPays.sendOk(s.adapterLikeClient, s.nextRequest())) {
            throw new IllegalStateException("the stand-in server did not answer errcode 0 to a pre-signed pay");
        }
        return true;
    }

    @Benchmark
    public DeductionReceipt bridgeInMemory(InMemoryBridge s, CpuMeter cpu) {
        cpu.tick();
        return s.deductOne();
    }

    @Benchmark
    public DeductionReceipt bridgeEmbedded(EmbeddedBridge s, CpuMeter cpu) {
        cpu.tick();
        return s.deductOne();
    }

    @Benchmark
    public DeductionReceipt bridgePostgres(PostgresBridge s, CpuMeter cpu) {
        cpu.tick();
        return s.deductOne();
    }

    /** Runs the variants side by side in one JMH run and prints the ratios; arguments are passed to JMH. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        boolean postgres =
                System.getenv(PG_URL) != null && !System.getenv(PG_URL).isBlank();
        String methods = "raw|rawAdapterClient|bridgeInMemory|bridgeEmbedded" + (postgres ? "|bridgePostgres" : "");
        OptionsBuilder options = new OptionsBuilder();
        options.parent(new CommandLineOptions(args));
        options.include(BridgeOverheadBenchmark.class.getName() + "\\.(" + methods + ")$");
        Map<String, double[]> scores = new HashMap<>();
        for (RunResult r : new Runner(options.build()).run()) {
            String name = r.getParams().getBenchmark();
            double cpuNanos = r.getSecondaryResults().get("cpuNanos").getScore();
            double threadNanos = r.getSecondaryResults().get("threadCpuNanos").getScore();
            double ops = r.getSecondaryResults().get("ops").getScore();
            scores.put(name.substring(name.lastIndexOf('.') + 1), new double[] {
                r.getPrimaryResult().getScore(),
                r.getPrimaryResult().getScoreError(),
                cpuNanos / ops / 1e3,
                threadNanos / ops / 1e3
            });
        }
        System.out.println(summary(scores, postgres));
        if (!Boolean.getBoolean("bench.skipInterleaved")) {
            try {
                System.out.println(InterleavedOverhead.describe(
                        InterleavedOverhead.run(INTERLEAVED_WARMUP, INTERLEAVED_ROUNDS), INTERLEAVED_ROUNDS));
            } catch (IOException e) {
                System.out.println("RESULT bridge_overhead_interleaved failed=" + e);
            }
        }
    }

    static String summary(Map<String, double[]> scores, boolean postgres) {
        for (String needed : postgres
                ? new String[] {"raw", "bridgeInMemory", "bridgeEmbedded", "bridgePostgres"}
                : new String[] {"raw", "bridgeInMemory", "bridgeEmbedded"}) {
            if (!scores.containsKey(needed)) {
                return "RESULT bridge_overhead failed=" + needed + " (see its JMH output above)";
            }
        }
        double[] raw = scores.get("raw");
        double[] mem = scores.get("bridgeInMemory");
        double[] emb = scores.get("bridgeEmbedded");
        double[] pg = scores.get("bridgePostgres");
        double[] adapter = scores.get("rawAdapterClient");
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "Bridge overhead, one 1-coin pay_v2 "
                        + "deduction, us per op: wall time (+- 99.9%% error) and ratio | CPU of the whole JVM incl. the "
                        + "in-JVM server, and ratio | CPU of the calling thread, and its difference to raw%n"));
        line(out, "raw POST of pre-signed bytes", raw, raw, null);
        if (adapter != null) {
            line(out, "raw POST, adapter's client settings", adapter, raw, null);
        }
        line(
                out,
                "bridge, in-memory journal",
                mem,
                raw,
                String.format(
                        Locale.ROOT, "target <= %.2fx: %s", TARGET, mem[0] / raw[0] <= TARGET ? "met" : "MISSED"));
        line(
                out,
                "bridge, embedded H2 journal",
                emb,
                raw,
                String.format(
                        Locale.ROOT,
                        "journal adds %.1f us wall, " + "%.1f us CPU over in-memory",
                        emb[0] - mem[0],
                        emb[2] - mem[2]));
        if (postgres) {
            line(
                    out,
                    "bridge, PostgreSQL journal",
                    pg,
                    raw,
                    String.format(
                            Locale.ROOT,
                            "journal adds %.1f us wall, "
                                    + "%.1f us CPU over in-memory (the database's own CPU is not counted)",
                            pg[0] - mem[0],
                            pg[2] - mem[2]));
        } else {
            out.append(
                    String.format(Locale.ROOT, "  %-36s skipped (%s not set)%n", "bridge, PostgreSQL journal", PG_URL));
        }
        out.append(String.format(
                Locale.ROOT,
                "RESULT bridge_overhead raw_us=%.2f in_memory_us=%.2f embedded_us=%.2f"
                        + " in_memory_ratio=%.3f embedded_ratio=%.3f embedded_added_us=%.2f target_ratio=%.2f target_met=%s"
                        + " raw_cpu_us=%.2f in_memory_cpu_us=%.2f embedded_cpu_us=%.2f in_memory_cpu_ratio=%.3f"
                        + " raw_caller_cpu_us=%.2f in_memory_caller_cpu_us=%.2f embedded_caller_cpu_us=%.2f",
                raw[0],
                mem[0],
                emb[0],
                mem[0] / raw[0],
                emb[0] / raw[0],
                emb[0] - mem[0],
                TARGET,
                mem[0] / raw[0] <= TARGET,
                raw[2],
                mem[2],
                emb[2],
                mem[2] / raw[2],
                raw[3],
                mem[3],
                emb[3]));
        if (postgres) {
            out.append(String.format(
                    Locale.ROOT,
                    " postgres_us=%.2f postgres_ratio=%.3f postgres_added_us=%.2f"
                            + " postgres_cpu_us=%.2f postgres_caller_cpu_us=%.2f",
                    pg[0],
                    pg[0] / raw[0],
                    pg[0] - mem[0],
                    pg[2],
                    pg[3]));
        } else {
            out.append(" postgres=skipped");
        }
        if (adapter != null) {
            out.append(String.format(
                    Locale.ROOT,
                    " raw_adapter_client_us=%.2f raw_adapter_client_ratio=%.3f"
                            + " raw_adapter_client_caller_cpu_us=%.2f",
                    adapter[0],
                    adapter[0] / raw[0],
                    adapter[3]));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, double[] v, double[] raw, String note) {
        out.append(String.format(
                Locale.ROOT,
                "  %-36s %8.1f +- %6.1f  %6.3fx | %7.1f  %6.3fx | %7.1f  %+7.1f%s%n",
                label,
                v[0],
                v[1],
                v[0] / raw[0],
                v[2],
                v[2] / raw[2],
                v[3],
                v[3] - raw[3],
                note == null ? "" : "   " + note));
    }
}
