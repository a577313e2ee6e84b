package dev.midasbridge.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LatenciesProperties {

    @Property(tries = 200)
    void aPercentileIsTheNearestRankSample(@ForAll("samples") List<Long> samples, @ForAll("fractions") double p) {
        long[] raw = samples.stream().mapToLong(Long::longValue).toArray();
        Latencies l = Latencies.of(new long[][] {raw}, new int[] {raw.length});

        long value = l.percentile(p);

        int rank = (int) Math.ceil(p * raw.length);
        long atOrBelow = samples.stream().filter(s -> s <= value).count();
        long below = samples.stream().filter(s -> s < value).count();
        assertTrue(samples.contains(value), "a percentile is one of the samples");
        assertTrue(atOrBelow >= rank, "at least ceil(p*n) samples lie at or below it");
        assertTrue(below < Math.max(rank, 1), "fewer than ceil(p*n) samples lie below it");
    }

    @Example
    void onlyTheRecordedPartOfEachClientsArrayCounts() {
        long[][] perClient = {{5, 1, 999}, {3, 2, 999, 999}};
        Latencies l = Latencies.of(perClient, new int[] {2, 2});

        assertEquals(4, l.count());
        assertEquals(2, l.percentile(0.5));
        assertEquals(5, l.percentile(1.0));
    }

    @Example
    void p50AndP99OfOneToAHundredAreFiftyAndNinetyNine() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = 100 - i;
        }
        Latencies l = Latencies.of(new long[][] {ms}, new int[] {100});

        assertEquals(50, l.percentile(0.50));
        assertEquals(99, l.percentile(0.99));
    }

    @Provide
    Arbitrary<List<Long>> samples() {
        return Arbitraries.longs()
                .between(0, 10_000_000_000L)
                .list()
                .ofMinSize(1)
                .ofMaxSize(300);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0.001, 1.0).ofScale(4);
    }
}
