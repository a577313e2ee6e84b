package dev.midasbridge.benchmarks;

import dev.midasbridge.app.BridgeApplication;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.app.standin.StandInSettings;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import dev.midasbridge.journal.jdbc.JdbcJournal;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Issue 14's journal figures, with real 1-coin pay_v2 deductions through {@link GameCurrency} against an in-JVM
 * stand-in server (one per journal, one player with 10^15 coins), fresh order numbers:
 *
 * <ol>
 *   <li>{@code overhead}: {@link InterleavedOverhead} (raw OkHttp POSTs and in-memory bridge deductions alternating in
 *       one JVM), the bridge / raw ratio (target at most 1.05).
 *   <li>{@code added}: one client, blocks of {@value #BLOCK} deductions on the in-memory, embedded (H2) and
 *       PostgreSQL journals alternating; the median time per deduction of each, and what a durable journal adds to the
 *       in-memory one; plus the commits per deduction ({@link JdbcJournal#commits()}).
 *   <li>{@code concurrent}: {@value #CALLERS} callers on one bridge for {@code bench.seconds} seconds (after as long a
 *       warm-up) per journal: durable deductions per second, and the PostgreSQL journal against the in-memory one
 *       (target at least 0.5).
 * </ol>
 *
 * Run from the project root: {@code benchmarks/run journal} (PostgreSQL only with {@code MIDAS_BRIDGE_PG_URL} set,
 * user {@code MIDAS_BRIDGE_PG_USER}, password {@code MIDAS_BRIDGE_PG_PASSWORD}; throw-away tables, dropped
 * afterwards). Each part prints {@code RESULT journal_...} lines; an argument {@code overhead}, {@code added} or
 * {@code concurrent} runs one part.
 */
public final class JournalBenchmark {
    static final int CALLERS = 64;
    static final int BLOCK = 100;

    private JournalBenchmark() {}

    public static void main(String[] args) throws Exception {
        String part = args.length > 0 ? args[0] : "all";
        int seconds = Integer.getInteger("bench.seconds", 5);
        if (part.equals("all") || part.equals("overhead")) {
            int rounds = Integer.getInteger("bench.rounds", 40);
            System.out.println(InterleavedOverhead.describe(InterleavedOverhead.run(rounds / 2, rounds), rounds));
        }
        if (part.equals("all") || part.equals("added")) {
            System.out.println(added(Integer.getInteger("bench.rounds", 40)));
        }
        if (part.equals("all") || part.equals("concurrent")) {
            System.out.println(concurrent(seconds));
        }
    }

    /** A bridge on its own stand-in server, journaling as {@code settings} says. */
    @SuppressWarnings("try") // close() may throw what Journal#close() throws; a benchmark stops on it
    static final class World implements AutoCloseable {
        final String name;
        final StandInServer server;
        final GameCurrency currency;
        final Player player = BenchWorld.player(0);
        final PlayerSession session =
                PlayerSession.of(player.openid(), BenchWorld.sessionKey(0).reveal());
        final String prefix = "N" + Long.toHexString(System.nanoTime()) + "-";
        final AtomicLong counter = new AtomicLong();
        private final Path dir;

        World(String name, JournalSettings settings, Path dir) {
            this.name = name;
            this.dir = dir;
            SimulatorConfig config = BenchWorld.config(1);
            server = StandInServer.start(config, StandInServer.Options.defaults());
            BridgeConfig bridge = BridgeConfig.builder()
                    .router(Router.create(RoutingPolicy.allPayV2()))
                    .build();
            currency = BridgeApplication.injector(StandInSettings.of(server.baseUrl(), config, settings, bridge))
                    .getInstance(GameCurrency.class);
        }

        void deductOne() {
            currency.deduct(
                    Deduction.of(player, 1, OrderNo.of(prefix + counter.getAndIncrement())),
                    session,
                    Environment.PRODUCTION);
        }

        /** The journal's commits so far, when it counts them (a JDBC journal); -1 otherwise. */
        long commits() {
            Journal j = currency.journal();
            try {
                // JdbcJournal#commits(), looked up so that this class also runs against trees from before it.
                return (long) j.getClass().getMethod("commits").invoke(j);
            } catch (ReflectiveOperationException e) {
                return -1;
            }
        }

        @Override
        public void close() throws Exception {
            if (currency.journal() instanceof JdbcJournal jdbc && name.equals("postgres")) {
                jdbc.dropTables();
            }
            currency.journal().close();
            server.close();
            if (dir != null) {
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
    }

    static List<World> worlds() throws IOException {
        List<World> worlds = new ArrayList<>();
        worlds.add(new World("in_memory", new JournalSettings.InMemory(), null));
        Path dir = Files.createTempDirectory("midas-bench-journal");
        worlds.add(new World("embedded", new JournalSettings.Embedded(dir.resolve("journal")), dir));
        String url = System.getenv(BridgeOverheadBenchmark.PG_URL);
        if (url != null && !url.isBlank()) {
            String user = Optional.ofNullable(System.getenv(BridgeOverheadBenchmark.PG_USER))
                    .filter(u -> !u.isBlank())
                    .orElse("postgres");
            Optional<Secret> password = Optional.ofNullable(System.getenv(BridgeOverheadBenchmark.PG_PASSWORD))
                    .filter(p -> !p.isEmpty())
                    .map(Secret::of);
            String prefix =
                    "mbbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
            worlds.add(new World("postgres", new JournalSettings.Jdbc(url, user, password, prefix, 16), null));
        }
        return worlds;
    }

    /** One client: the journals' blocks alternate (rotating which goes first); medians per deduction. */
    static String added(int rounds) throws Exception {
        List<World> worlds = worlds();
        try {
            int n = worlds.size();
            double[][] us = new double[n][rounds];
            long[] commitsBefore = new long[n];
            for (int round = -rounds / 2; round < rounds; round++) {
                if (round == 0) {
                    for (int w = 0; w < n; w++) {
                        commitsBefore[w] = worlds.get(w).commits();
                    }
                }
                for (int k = 0; k < n; k++) {
                    int w = (k + Math.floorMod(round, n)) % n;
                    World world = worlds.get(w);
                    long t0 = System.nanoTime();
                    for (int i = 0; i < BLOCK; i++) {
                        world.deductOne();
                    }
                    long t = System.nanoTime() - t0;
                    if (round >= 0) {
                        us[w][round] = t / 1e3 / BLOCK;
                    }
                }
            }
            StringBuilder out = new StringBuilder(String.format(
                    Locale.ROOT,
                    "Journal, 1 client (%d rounds of %d deductions per journal, alternating): median us per"
                            + " deduction, added to the in-memory journal, commits per deduction%n",
                    rounds,
                    BLOCK));
            double mem = median(us[0]);
            StringBuilder result = new StringBuilder("RESULT journal_added");
            for (int w = 0; w < n; w++) {
                World world = worlds.get(w);
                double m = median(us[w]);
                long commits = world.commits();
                String perDeduction = commits < 0
                        ? "-"
                        : String.format(Locale.ROOT, "%.2f", (commits - commitsBefore[w]) / (double) (rounds * BLOCK));
                out.append(String.format(
                        Locale.ROOT,
                        "  %-10s %8.1f us  %+8.1f us  commits/deduction %s%n",
                        world.name,
                        m,
                        m - mem,
                        perDeduction));
                result.append(
                        String.format(Locale.ROOT, " %s_us=%.1f %s_added_us=%.1f", world.name, m, world.name, m - mem));
                if (commits >= 0) {
                    result.append(' ')
                            .append(world.name)
                            .append("_commits_per_deduction=")
                            .append(perDeduction);
                }
            }
            return out.append(result).toString();
        } finally {
            for (World w : worlds) {
                w.close();
            }
        }
    }

    /** {@value #CALLERS} callers per journal, one journal at a time: deductions per second. */
    static String concurrent(int seconds) throws Exception {
        List<World> worlds = worlds();
        Map<String, Double> rates = new LinkedHashMap<>();
        Map<String, Double> commitsPerDeduction = new LinkedHashMap<>();
        try {
            for (World world : worlds) {
                run(world, seconds); // warm-up
                long commits = world.commits();
                long before = world.counter.get();
                double elapsed = run(world, seconds);
                long done = world.counter.get() - before;
                rates.put(world.name, done / elapsed);
                if (commits >= 0) {
                    commitsPerDeduction.put(world.name, (world.commits() - commits) / (double) done);
                }
            }
        } finally {
            for (World w : worlds) {
                w.close();
            }
        }
        double mem = rates.get("in_memory");
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "Journal, %d concurrent callers, %d s per journal after a %d s warm-up: durable deductions/s,"
                        + " against the in-memory journal%n",
                CALLERS,
                seconds,
                seconds));
        StringBuilder result = new StringBuilder("RESULT journal_concurrent callers=" + CALLERS);
        rates.forEach((name, rate) -> {
            Double c = commitsPerDeduction.get(name);
            out.append(String.format(
                    Locale.ROOT,
                    "  %-10s %9.0f /s  %.2fx%s%n",
                    name,
                    rate,
                    rate / mem,
                    c == null ? "" : String.format(Locale.ROOT, "  (%.3f commits per deduction)", c)));
            result.append(String.format(Locale.ROOT, " %s_per_s=%.0f %s_ratio=%.3f", name, rate, name, rate / mem));
        });
        return out.append(result).toString();
    }

    /** {@value #CALLERS} threads deducting for {@code seconds}; returns the seconds it took. */
    private static double run(World world, int seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        for (int t = 0; t < CALLERS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (!stop.get()) {
                    try {
                        world.deductOne();
                    } catch (RuntimeException e) {
                        if (failures.incrementAndGet() == 1) {
                            System.err.println(world.name + ": " + e);
                        }
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        long t0 = System.nanoTime();
        start.countDown();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        if (failures.get() > 0) {
            System.err.println(world.name + ": " + failures.get() + " deductions failed");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
