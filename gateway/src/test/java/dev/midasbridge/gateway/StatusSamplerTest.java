package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.midasbridge.engine.journal.InMemoryJournal;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status figures from a registry: per-interval increments, shares, a bounded ring, absent meters as 0. */
class StatusSamplerTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final Router router = Router.create(RoutingPolicy.percentOnPayV2(25));

    private StatusSampler sampler(int capacity) {
        return new StatusSampler(
                registry,
                router,
                InMemoryJournal.create(),
                Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC),
                Duration.ofSeconds(10),
                capacity);
    }

    private void requests(String version, String errcode, int n) {
        Counter.builder("bridge.requests")
                .tag("dialect", "midas_v1")
                .tag("routed_version", version)
                .tag("endpoint", "pay")
                .tag("errcode", errcode)
                .register(registry)
                .increment(n);
    }

    private void push(String outcome, String event, int n) {
        Counter.builder("bridge.push.events")
                .tag("outcome", outcome)
                .tag("event", event)
                .register(registry)
                .increment(n);
    }

    @Test
    void countsPerIntervalSharesAndTotals() {
        StatusSampler s = sampler(100);
        s.sampleNow();
        requests("midas_v1", "0", 3);
        requests("pay_v2", "0", 1);
        requests("pay_v2", "90013", 1);
        push("delivered", "xpay_goods_deliver_notify", 2);
        push("duplicate", "xpay_goods_deliver_notify", 1);
        s.sampleNow();
        requests("pay_v2", "0", 2);
        push("refused", "xpay_coin_pay_notify", 1);
        push("delivered", "xpay_coin_pay_notify", 1);

        Map<String, Object> snap = s.snapshot();
        assertEquals(3, ((List<?>) snap.get("time")).size(), "2 samples kept and the one taken now");
        assertEquals(List.of(0L, 3L, 0L), values(snap, "requests", "midas_v1"));
        assertEquals(List.of(0L, 2L, 2L), values(snap, "requests", "pay_v2"));
        assertEquals(List.of(0L, 1L, 0L), values(snap, "errcodes", "pay_v2 90013"));
        // Share of the requests routed in each interval; none routed in the first.
        assertEquals(java.util.Arrays.asList(null, 60L, 0L), values(snap, "routing", "routed to midas_v1 %"));
        assertEquals(java.util.Arrays.asList(null, 40L, 100L), values(snap, "routing", "routed to pay_v2 %"));
        assertEquals(List.of(25L, 25L, 25L), values(snap, "routing", "configured pay_v2 % (production)"));
        assertEquals(List.of(0L, 2L, 1L), values(snap, "push", "delivered"), "summed over the event tag");
        assertEquals(List.of(0L, 1L, 0L), values(snap, "push", "duplicate"));
        assertEquals(List.of(0L, 0L, 1L), values(snap, "push", "refused"));
        Map<?, ?> totals = (Map<?, ?>) snap.get("totals");
        assertEquals(Map.of("midas_v1", 3L, "pay_v2", 4L, "none", 0L), totals.get("requests"));
        assertEquals(Map.of("pay_v2 90013", 1L), totals.get("errcodes"));
        assertEquals(
                Map.of("delivered", 3L, "duplicate", 1L, "refused", 1L, "mock", 0L, "failed", 0L),
                totals.get("push_events"));
        assertEquals(42.9, total(snap, "routing", "routed to midas_v1 %"), "3 of 7 routed requests");
    }

    @Test
    void absentMetersAreZeroNotMissing() {
        Map<String, Object> snap = sampler(10).snapshot();
        Map<?, ?> totals = (Map<?, ?>) snap.get("totals");
        assertEquals(
                Map.of("delivered", 0L, "duplicate", 0L, "refused", 0L, "mock", 0L, "failed", 0L),
                totals.get("push_events"));
        assertEquals(Map.of("unknown", 0L, "stale", 0L, "missing_signature", 0L), totals.get("session_key_misses"));
        assertEquals(Map.of("diverged", 0L, "compared", 0L, "failed", 0L), totals.get("shadow_reads"));
        assertEquals(List.of(0L), values(snap, "push", "mock"));
        assertEquals(0, series(snap, "errcodes").size(), "no errcode yet: no series");
        assertNull(((Map<?, ?>) totals.get("orders")).get("oldest_unresolved_at"));
    }

    @Test
    void theRingKeepsTheLatestSamplesAndCountsTheFirstFromTheDroppedOne() {
        StatusSampler s = sampler(3);
        for (int i = 1; i <= 6; i++) {
            requests("midas_v1", "0", i);
            s.sampleNow();
        }
        assertEquals(3, s.samples().size());
        Map<String, Object> snap = s.snapshot();
        assertEquals(4, ((List<?>) snap.get("time")).size());
        // Samples 4, 5, 6 kept: each interval's increment, the first counted from sample 3 (dropped), then now.
        assertEquals(List.of(4L, 5L, 6L, 0L), values(snap, "requests", "midas_v1"));
        assertEquals(21L, total(snap, "requests", "midas_v1").longValue());
    }

    private static List<Map<?, ?>> series(Map<String, Object> snap, String chart) {
        for (Object c : (List<?>) snap.get("charts")) {
            Map<?, ?> m = (Map<?, ?>) c;
            if (m.get("id").equals(chart)) {
                return ((List<?>) m.get("series"))
                        .stream().<Map<?, ?>>map(x -> (Map<?, ?>) x).toList();
            }
        }
        throw new AssertionError("no chart " + chart);
    }

    private static Map<?, ?> one(Map<String, Object> snap, String chart, String label) {
        return series(snap, chart).stream()
                .filter(x -> x.get("label").equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no series " + label + " in " + chart));
    }

    private static List<?> values(Map<String, Object> snap, String chart, String label) {
        return ((List<?>) one(snap, chart, label).get("values"))
                .stream()
                        .map(v -> v instanceof Double d && d == Math.rint(d) ? (Object) d.longValue() : v)
                        .toList();
    }

    private static Double total(Map<String, Object> snap, String chart, String label) {
        return ((Number) one(snap, chart, label).get("total")).doubleValue();
    }
}
