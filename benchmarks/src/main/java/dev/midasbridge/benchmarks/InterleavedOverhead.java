package dev.midasbridge.benchmarks;

import dev.midasbridge.app.BridgeApplication;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.app.standin.StandInSettings;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * A cross-check of {@link BridgeOverheadBenchmark}'s in-memory ratio that other load on the machine cannot skew:
 * raw POSTs and in-memory bridge deductions (the same two variants, one server) alternate in blocks of {@value #BLOCK}
 * within one JVM (alternately first), so both see the same machine at nearly the same moment; the figure is the median over rounds of
 * (bridge block time / raw block time). Not JMH: a plain loop, after a warm-up of both paths.
 */
final class InterleavedOverhead {
    static final int BLOCK = 200;

    private InterleavedOverhead() {}

    /** Median ratio, median raw us/op, median bridge us/op over {@code rounds} rounds after {@code warmupRounds}. */
    static double[] run(int warmupRounds, int rounds) throws IOException {
        SimulatorConfig config = BenchWorld.config(1);
        try (StandInServer server = StandInServer.start(config, StandInServer.Options.defaults())) {
            OkHttpClient client = new OkHttpClient();
            PresignedPays pays = PresignedPays.forServer(server.baseUrl(), config);
            BridgeConfig bridge = BridgeConfig.builder()
                    .router(Router.create(RoutingPolicy.allPayV2()))
                    .build();
            GameCurrency currency = BridgeApplication.injector(
                            (StandInSettings.of(server.baseUrl(), config, new JournalSettings.InMemory(), bridge)))
                    .getInstance(GameCurrency.class);
            Player player = BenchWorld.player(0);
            PlayerSession session =
                    PlayerSession.of(player.openid(), BenchWorld.sessionKey(0).reveal());
            double[] ratios = new double[rounds];
            double[] raws = new double[rounds];
            double[] bridges = new double[rounds];
            long order = 0;
            for (int round = -warmupRounds; round < rounds; round++) {
                Request[] batch =
                        pays.pays(player, BenchWorld.sessionKey(0), "I" + (round + warmupRounds) + "-", BLOCK);
                // Which goes first alternates (A B, B A, ...), so neither always follows the other's garbage.
                boolean rawFirst = (round & 1) == 0;
                long bridgeNanos = 0;
                if (!rawFirst) {
                    bridgeNanos = bridgeBlock(currency, player, session, order);
                    order += BLOCK;
                }
                long rawNanos = rawBlock(client, batch);
                if (rawFirst) {
                    bridgeNanos = bridgeBlock(currency, player, session, order);
                    order += BLOCK;
                }
                if (round >= 0) {
                    raws[round] = rawNanos / 1e3 / BLOCK;
                    bridges[round] = bridgeNanos / 1e3 / BLOCK;
                    ratios[round] = (double) bridgeNanos / rawNanos;
                }
            }
            client.connectionPool().evictAll();
            return new double[] {median(ratios), median(raws), median(bridges)};
        }
    }

    private static long rawBlock(OkHttpClient client, Request[] batch) throws IOException {
        long t0 = System.nanoTime();
        for (Request r : batch) {
            if (!PresignedPays.sendOk(client, r)) {
                throw new IllegalStateException("the stand-in server did not answer errcode 0 to a raw pay");
            }
        }
        return System.nanoTime() - t0;
    }

    private static long bridgeBlock(GameCurrency currency, Player player, PlayerSession session, long firstOrder) {
        long t0 = System.nanoTime();
        for (int i = 0; i < BLOCK; i++) {
            currency.deduct(
                    Deduction.of(player, 1, OrderNo.of("J" + (firstOrder + i))), session, Environment.PRODUCTION);
        }
        return System.nanoTime() - t0;
    }

    static String describe(double[] r, int rounds) {
        return String.format(
                Locale.ROOT,
                "Interleaved cross-check (%d rounds of %d raw POSTs and %d in-memory bridge "
                        + "deductions, alternately first, one JVM, one server): median raw %.1f us/op, median bridge %.1f us/op, median ratio "
                        + "%.3fx%nRESULT bridge_overhead_interleaved in_memory_ratio=%.3f raw_us=%.2f in_memory_us=%.2f "
                        + "rounds=%d block=%d",
                rounds,
                BLOCK,
                BLOCK,
                r[1],
                r[2],
                r[0],
                r[0],
                r[1],
                r[2],
                rounds,
                BLOCK);
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
