package dev.midasbridge.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A cross-check of {@link SigningBenchmark}'s ratios that other load on a shared machine skews little: ours and the
 * raw-Mac ceiling alternate in blocks of {@value #BLOCK} operations in one thread (alternately first), each block timed
 * by the thread's CPU time, and the figure is the median over rounds of (ceiling block time / our block time). Same state and methods as the JMH
 * benchmark; a plain loop after a warm-up.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.midasbridge.benchmarks.SigningInterleaved [rounds]</pre>
 * Prints {@code RESULT signing_interleaved v1_ratio=... v1_ours_ns=... v1_ceiling_ns=... v2_ratio=...}.
 */
public final class SigningInterleaved {
    static final int BLOCK = 20_000;

    private SigningInterleaved() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        double[] r = run(rounds);
        System.out.println(describe(r, rounds));
    }

    /**
     * {v1 ratio, v1 ours ns/op, v1 ceiling ns/op, v2 ratio, v2 ours ns/op, v2 ceiling ns/op} as medians over rounds,
     * then the v1 and v2 ratios of the fastest blocks (the least disturbed by other load).
     */
    static double[] run(int rounds) throws Exception {
        SigningBenchmark s = new SigningBenchmark();
        s.setUp();
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        double[] v1 = pair(rounds, () -> s.v1Ours(bh), () -> s.v1Ceiling(bh));
        double[] v2 = pair(rounds, () -> s.v2Ours(bh), () -> s.v2Ceiling(bh));
        bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
        return new double[] {v1[0], v1[1], v1[2], v2[0], v2[1], v2[2], v1[3], v2[3]};
    }

    private static double[] pair(int rounds, Runnable ours, Runnable ceiling) {
        int warmup = Math.max(10, rounds / 4);
        double[] ratios = new double[rounds];
        double[] oursNs = new double[rounds];
        double[] ceilingNs = new double[rounds];
        for (int round = -warmup; round < rounds; round++) {
            long o;
            long c;
            if ((round & 1) == 0) {
                o = block(ours);
                c = block(ceiling);
            } else {
                c = block(ceiling);
                o = block(ours);
            }
            if (round >= 0) {
                ratios[round] = (double) c / o;
                oursNs[round] = (double) o / BLOCK;
                ceilingNs[round] = (double) c / BLOCK;
            }
        }
        return new double[] {
            median(ratios),
            median(oursNs),
            median(ceilingNs),
            Arrays.stream(ceilingNs).min().orElse(Double.NaN)
                    / Arrays.stream(oursNs).min().orElse(Double.NaN)
        };
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * The thread's CPU time for a block: time the thread spends descheduled while other processes run is not in it,
     * so a shared machine skews it far less than wall time.
     */
    private static long block(Runnable op) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < BLOCK; i++) {
            op.run();
        }
        return THREADS.getCurrentThreadCpuTime() - t0;
    }

    static String describe(double[] r, int rounds) {
        return String.format(
                Locale.ROOT,
                "Interleaved signing (%d rounds of %d operations each, alternately first, one thread, CPU time): v1 ours %.0f ns,"
                        + " ceiling %.0f ns, ratio %.3f; v2 ours %.0f ns, ceiling %.0f ns, ratio %.3f%n"
                        + "RESULT signing_interleaved v1_ratio=%.3f v1_ours_ns=%.1f v1_ceiling_ns=%.1f v2_ratio=%.3f"
                        + " v2_ours_ns=%.1f v2_ceiling_ns=%.1f v1_ratio_fastest=%.3f v2_ratio_fastest=%.3f rounds=%d"
                        + " block=%d",
                rounds,
                BLOCK,
                r[1],
                r[2],
                r[0],
                r[4],
                r[5],
                r[3],
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
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
