package dev.midasbridge.benchmarks;

import java.util.Arrays;

/** Percentiles of recorded latencies (nanoseconds), by the nearest-rank method over every sample, nothing binned. */
final class Latencies {
    private final long[] sorted;

    private Latencies(long[] sorted) {
        this.sorted = sorted;
    }

    /** The samples of every array, the first {@code counts[i]} of {@code samples[i]}. */
    static Latencies of(long[][] samples, int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < samples.length; i++) {
            System.arraycopy(samples[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        return new Latencies(all);
    }

    int count() {
        return sorted.length;
    }

    /** The smallest sample at or above which lie no more than {@code 1 - p} of the samples; {@code 0 < p <= 1}. */
    long percentile(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("percentile " + p + ": must be in (0, 1]");
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("no samples");
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
