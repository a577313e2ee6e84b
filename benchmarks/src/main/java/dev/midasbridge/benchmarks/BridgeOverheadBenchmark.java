package dev.midasbridge.benchmarks;

import com.google.inject.Guice;
import dev.midasbridge.cli.wiring.BridgeModule;
import dev.midasbridge.cli.wiring.JournalSettings;
import dev.midasbridge.cli.wiring.StandInSettings;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.bridge.BridgeConfig;
import dev.midasbridge.core.bridge.GameCurrency;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.journal.JdbcJournal;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.core.routing.Router;
import dev.midasbridge.core.routing.RoutingPolicy;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * own, e.g. {@code -jvmArgsAppend -XX:StartFlightRecording=filename=bridge.jfr}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class BridgeOverheadBenchmark {
    static final String PG_URL = "MIDAS_BRIDGE_PG_URL";
    static final String PG_USER = "MIDAS_BRIDGE_PG_USER";
    static final String PG_PASSWORD = "MIDAS_BRIDGE_PG_PASSWORD";
    /** The in-memory bridge's target: at most this many times the raw POST. */
    static final double TARGET = 1.15;

    /** The raw variant: a stand-in server, one shared keep-alive client, and a batch of pre-signed pays. */
    @State(Scope.Thread)
    public static class RawClient {
        /** No POST over loopback to this server is faster than this: sizes the first batch. */
        private static final long FLOOR_NANOS_PER_OP = 20_000;

        StandInServer server;
        OkHttpClient client;
        PresignedPays pays;
        Request[] batch = new Request[0];
        int next;
        int usedLast;
        int iteration;

        @Setup(Level.Trial)
        public void start() {
            SimulatorConfig config = BenchWorld.config(1);
            server = StandInServer.start(config, StandInServer.Options.defaults());
            client = new OkHttpClient();
            pays = PresignedPays.forServer(server.baseUrl(), config);
        }

        /** Pre-signs more pays than the iteration can send: 3x the last iteration's, or the loopback floor. */
        @Setup(Level.Iteration)
        public void presign(IterationParams params) {
            long iterationNanos = params.getTime().convertTo(TimeUnit.NANOSECONDS);
            long wanted = usedLast == 0 ? iterationNanos / FLOOR_NANOS_PER_OP : 3L * usedLast + 1_000;
            int n = (int) Math.min(wanted, 2_000_000);
            batch = null;
            batch = pays.pays(BenchWorld.player(0), BenchWorld.sessionKey(0), "R" + iteration++ + "-", n);
            next = 0;
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
            BridgeConfig bridge = BridgeConfig.builder().router(Router.create(RoutingPolicy.allPayV2())).build();
            currency = Guice.createInjector(new BridgeModule(StandInSettings.of(server.baseUrl(), config, journal(),
                    bridge))).getInstance(GameCurrency.class);
            player = BenchWorld.player(0);
            session = PlayerSession.of(player.openid(), BenchWorld.sessionKey(0).reveal());
            prefix = "B" + Long.toHexString(System.nanoTime()) + "-";
        }

        DeductionReceipt deductOne() {
            return currency.deduct(Deduction.of(player, 1, OrderNo.of(prefix + counter++)), session,
                    Environment.PRODUCTION);
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
            String user = Optional.ofNullable(System.getenv(PG_USER)).filter(u -> !u.isBlank()).orElse("postgres");
            Optional<Secret> password = Optional.ofNullable(System.getenv(PG_PASSWORD)).map(Secret::of);
            return new JournalSettings.Jdbc(url, user, password, tablePrefix, 4);
        }

        @Setup(Level.Trial)
        public void start() {
            tablePrefix = "mbbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
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
    public boolean raw(RawClient s) throws IOException {
        if (!PresignedPays.sendOk(s.client, s.nextRequest())) {
            throw new IllegalStateException("the stand-in server did not answer errcode 0 to a pre-signed pay");
        }
        return true;
    }

    @Benchmark
    public DeductionReceipt bridgeInMemory(InMemoryBridge s) {
        return s.deductOne();
    }

    @Benchmark
    public DeductionReceipt bridgeEmbedded(EmbeddedBridge s) {
        return s.deductOne();
    }

    @Benchmark
    public DeductionReceipt bridgePostgres(PostgresBridge s) {
        return s.deductOne();
    }

    /** Runs the variants side by side in one JMH run and prints the ratios; arguments are passed to JMH. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        boolean postgres = System.getenv(PG_URL) != null && !System.getenv(PG_URL).isBlank();
        String methods = postgres ? "raw|bridgeInMemory|bridgeEmbedded|bridgePostgres"
                : "raw|bridgeInMemory|bridgeEmbedded";
        OptionsBuilder options = new OptionsBuilder();
        options.parent(new CommandLineOptions(args));
        options.include(BridgeOverheadBenchmark.class.getName() + "\\.(" + methods + ")$");
        Map<String, double[]> scores = new HashMap<>();
        for (RunResult r : new Runner(options.build()).run()) {
            String name = r.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1), new double[] {r.getPrimaryResult().getScore(),
                r.getPrimaryResult().getScoreError()});
        }
        System.out.println(summary(scores, postgres));
    }

    static String summary(Map<String, double[]> scores, boolean postgres) {
        double raw = scores.get("raw")[0];
        double mem = scores.get("bridgeInMemory")[0];
        double emb = scores.get("bridgeEmbedded")[0];
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Bridge overhead (average us per 1-coin pay_v2 deduction, +- 99.9%% "
                + "error):%n  raw POST of pre-signed bytes  %9.1f +- %.1f%n  bridge, in-memory journal     %9.1f "
                + "+- %.1f  (%.3fx raw; target <= %.2fx: %s)%n  bridge, embedded H2 journal   %9.1f +- %.1f  "
                + "(%.3fx raw; the journal adds %.1f us over in-memory)%n", raw, scores.get("raw")[1], mem,
                scores.get("bridgeInMemory")[1], mem / raw, TARGET, mem / raw <= TARGET ? "met" : "MISSED", emb,
                scores.get("bridgeEmbedded")[1], emb / raw, emb - mem));
        double pg = postgres ? scores.get("bridgePostgres")[0] : Double.NaN;
        if (postgres) {
            out.append(String.format(Locale.ROOT, "  bridge, PostgreSQL journal    %9.1f +- %.1f  (%.3fx raw; the "
                    + "journal adds %.1f us over in-memory)%n", pg, scores.get("bridgePostgres")[1], pg / raw,
                    pg - mem));
        } else {
            out.append("  bridge, PostgreSQL journal    skipped (" + PG_URL + " not set)\n");
        }
        out.append(String.format(Locale.ROOT, "RESULT bridge_overhead raw_us=%.2f in_memory_us=%.2f embedded_us=%.2f"
                + " in_memory_ratio=%.3f embedded_ratio=%.3f embedded_added_us=%.2f target_ratio=%.2f target_met=%s",
                raw, mem, emb, mem / raw, emb / raw, emb - mem, TARGET, mem / raw <= TARGET));
        if (postgres) {
            out.append(String.format(Locale.ROOT, " postgres_us=%.2f postgres_ratio=%.3f postgres_added_us=%.2f", pg,
                    pg / raw, pg - mem));
        } else {
            out.append(" postgres=skipped");
        }
        return out.toString();
    }
}
