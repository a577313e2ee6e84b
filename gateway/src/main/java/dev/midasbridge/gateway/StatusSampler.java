package dev.midasbridge.gateway;

import dev.midasbridge.core.Environment;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.OrderStatus;
import dev.midasbridge.engine.routing.Router;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of the status page: every {@code interval} it samples the gateway's Micrometer registry (the meters
 * {@code /metrics} shows) and the journal into a ring of at most {@code capacity} samples (the oldest dropped), and
 * {@link #snapshot()} turns the ring, plus one sample taken now, into the charts' series and the totals.
 *
 * <p>Meters read: {@code bridge.requests} (routed_version, errcode), {@code bridge.unknown.outcomes},
 * {@code bridge.session.key.misses} (reason), {@code bridge.shadow.reads} (result) and {@code bridge.push.events}
 * (outcome: delivered, duplicate, refused, mock, failed); a meter not registered yet counts 0. From the journal: orders
 * PENDING and UNKNOWN, and when the oldest of them was created. From the router: each environment's pay_v2 percent.
 */
final class StatusSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusSampler.class);

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** One hour of samples at the default interval. */
    static final int DEFAULT_CAPACITY = 360;
    /** How often the page asks for new figures. */
    static final int POLL_SECONDS = 5;

    static final List<String> VERSIONS = List.of("midas_v1", "pay_v2", "none");
    static final List<String> MISS_REASONS = List.of("unknown", "stale", "missing_signature");
    static final List<String> PUSH_OUTCOMES = List.of("delivered", "duplicate", "refused", "mock", "failed");
    static final List<String> SHADOW_RESULTS = List.of("diverged", "compared", "failed");

    /** One sample: raw values (counters cumulative, gauges as read; NaN when unreadable) and the oldest pending. */
    record Sample(Instant at, Map<String, Double> values, Optional<Instant> oldestPending) {}

    private final MeterRegistry registry;
    private final Router router;
    private final Journal journal;
    private final Clock clock;
    private final Duration interval;
    private final int capacity;
    private final ArrayDeque<Sample> ring = new ArrayDeque<>();
    /** The last sample dropped from the ring: what the first kept one's increments are counted from. */
    private Sample baseline;

    private ScheduledExecutorService timer;

    StatusSampler(
            MeterRegistry registry, Router router, Journal journal, Clock clock, Duration interval, int capacity) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.router = Objects.requireNonNull(router, "router");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("status sample interval must be positive");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("status ring capacity must be at least 1");
        }
        this.interval = interval;
        this.capacity = capacity;
    }

    /** Samples now and then every interval, on a daemon thread, until {@link #close()}. */
    synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-status-sampler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(
                () -> {
                    try {
                        sampleNow();
                    } catch (RuntimeException e) {
                        LOG.warn("status sample failed: {}", e.getMessage());
                    }
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** Takes a sample and keeps it in the ring (dropping the oldest beyond capacity). */
    void sampleNow() {
        Sample s = read();
        synchronized (ring) {
            ring.addLast(s);
            while (ring.size() > capacity) {
                baseline = ring.pollFirst();
            }
        }
    }

    /** The samples kept, oldest first. */
    List<Sample> samples() {
        synchronized (ring) {
            return new ArrayList<>(ring);
        }
    }

    private Sample read() {
        Map<String, Double> v = new LinkedHashMap<>();
        for (Environment e : Environment.values()) {
            v.put("routing." + e.name().toLowerCase(java.util.Locale.ROOT), (double)
                    router.policy(e).payV2Percent());
        }
        for (Meter m : registry.find("bridge.requests").meters()) {
            String version =
                    Optional.ofNullable(m.getId().getTag("routed_version")).orElse("none");
            String errcode = Optional.ofNullable(m.getId().getTag("errcode")).orElse("?");
            double n = count(m);
            v.merge("requests." + version, n, Double::sum);
            if (!errcode.equals("0")) {
                v.merge("errors." + version + " " + errcode, n, Double::sum);
            }
        }
        v.put("orders.answered_unknown", sum("bridge.unknown.outcomes", null, null));
        for (String r : MISS_REASONS) {
            v.put("session." + r, sum("bridge.session.key.misses", "reason", r));
        }
        for (String r : SHADOW_RESULTS) {
            v.put("shadow." + r, sum("bridge.shadow.reads", "result", r));
        }
        for (String o : PUSH_OUTCOMES) {
            v.put("push." + o, sum("bridge.push.events", "outcome", o));
        }
        Optional<Instant> oldest = Optional.empty();
        try {
            List<JournalEntry> open = journal.unresolved();
            long pending =
                    open.stream().filter(j -> j.status() == OrderStatus.PENDING).count();
            v.put("orders.pending", (double) pending);
            v.put("orders.unknown", (double) (open.size() - pending));
            oldest = open.stream().map(JournalEntry::createdAt).min(Instant::compareTo);
        } catch (RuntimeException e) {
            LOG.warn("status sample: cannot read the journal: {}", e.getMessage());
            v.put("orders.pending", Double.NaN);
            v.put("orders.unknown", Double.NaN);
        }
        return new Sample(clock.instant(), v, oldest);
    }

    private double sum(String name, String tag, String value) {
        var search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        double total = 0;
        for (Meter m : search.meters()) {
            total += count(m);
        }
        return total;
    }

    private static double count(Meter m) {
        if (m instanceof Counter c) {
            return c.count();
        }
        if (m instanceof FunctionCounter f) {
            return f.count();
        }
        double total = 0;
        for (io.micrometer.core.instrument.Measurement x : m.measure()) {
            total += x.getValue();
        }
        return total;
    }

    // ------------------------------------------------------------------------------------------------ snapshot

    private enum Kind {
        /** How much a counter grew since the sample before. */
        PER_INTERVAL,
        /** The value as read. */
        GAUGE,
        /** A version's share (%) of the requests routed in the interval. */
        SHARE
    }

    private record SeriesDef(String label, Kind kind, String key) {}

    /**
     * The page's figures: {@code time} (epoch seconds of each sample, the last one taken now), {@code charts} (each
     * with its series: values per sample, the last one, and the total since the gateway started) and {@code totals}.
     */
    Map<String, Object> snapshot() {
        List<Sample> samples;
        Sample base;
        synchronized (ring) {
            samples = new ArrayList<>(ring);
            base = baseline;
        }
        samples.add(read());
        Sample last = samples.get(samples.size() - 1);

        List<Object> time = new ArrayList<>();
        for (Sample s : samples) {
            time.add(number(s.at().toEpochMilli() / 1000.0));
        }
        TreeSet<String> errorKeys = new TreeSet<>();
        for (Sample s : samples) {
            s.values().keySet().stream().filter(k -> k.startsWith("errors.")).forEach(errorKeys::add);
        }

        List<Object> charts = new ArrayList<>();
        charts.add(chart(
                "routing",
                "Routing share per version",
                "%",
                "The pay_v2 percent the routing policy sets in each environment, and the share of payment requests"
                        + " that went to each version in each interval (total: since the gateway started).",
                List.of(
                        new SeriesDef("configured pay_v2 % (production)", Kind.GAUGE, "routing.production"),
                        new SeriesDef("configured pay_v2 % (sandbox)", Kind.GAUGE, "routing.sandbox"),
                        new SeriesDef("routed to midas_v1 %", Kind.SHARE, "requests.midas_v1"),
                        new SeriesDef("routed to pay_v2 %", Kind.SHARE, "requests.pay_v2")),
                samples,
                base));
        charts.add(chart(
                "requests",
                "Requests per version",
                "requests",
                "Payment requests answered in each interval, by the version the bridge sent them to (none: refused"
                        + " before routing, e.g. a wrong signature).",
                List.of(
                        new SeriesDef("midas_v1", Kind.PER_INTERVAL, "requests.midas_v1"),
                        new SeriesDef("pay_v2", Kind.PER_INTERVAL, "requests.pay_v2"),
                        new SeriesDef("none", Kind.PER_INTERVAL, "requests.none")),
                samples,
                base));
        List<SeriesDef> errors = new ArrayList<>();
        for (String k : errorKeys) {
            errors.add(new SeriesDef(k.substring("errors.".length()), Kind.PER_INTERVAL, k));
        }
        charts.add(chart(
                "errcodes",
                "Errcodes per version",
                "answers",
                "Answers with a non-zero errcode in each interval, by routed version and errcode (as the game got"
                        + " it, in its dialect).",
                errors,
                samples,
                base));
        charts.add(chart(
                "orders",
                "Unknown and pending orders",
                "orders",
                "Journaled orders PENDING and UNKNOWN now (the reconciler resolves them), and coin-moving requests"
                        + " answered -1 (outcome unknown) in each interval.",
                List.of(
                        new SeriesDef("pending", Kind.GAUGE, "orders.pending"),
                        new SeriesDef("unknown", Kind.GAUGE, "orders.unknown"),
                        new SeriesDef("answered -1", Kind.PER_INTERVAL, "orders.answered_unknown")),
                samples,
                base));
        charts.add(chart(
                "shadow",
                "Shadow-read divergence",
                "reads",
                "Balance reads also asked of the other version (shadow_reads): how many disagreed, how many were"
                        + " compared, how many could not be compared, in each interval.",
                List.of(
                        new SeriesDef("diverged", Kind.PER_INTERVAL, "shadow.diverged"),
                        new SeriesDef("compared", Kind.PER_INTERVAL, "shadow.compared"),
                        new SeriesDef("failed", Kind.PER_INTERVAL, "shadow.failed")),
                samples,
                base));
        charts.add(chart(
                "session",
                "Session-key misses",
                "requests",
                "Requests refused for want of the player's right session key, by reason: unknown (no key for the"
                        + " openid), stale (signed with the previous key), missing_signature.",
                MISS_REASONS.stream()
                        .map(r -> new SeriesDef(r, Kind.PER_INTERVAL, "session." + r))
                        .toList(),
                samples,
                base));
        charts.add(chart(
                "push",
                "Push events",
                "events",
                "Payment push events (bridge.push.events) in each interval, by outcome: delivered to the game,"
                        + " duplicate (already delivered), refused (a check failed), mock (IsMock), failed (the game"
                        + " did not accept it yet; WeChat pushes it again).",
                PUSH_OUTCOMES.stream()
                        .map(o -> new SeriesDef(o, Kind.PER_INTERVAL, "push." + o))
                        .toList(),
                samples,
                base));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generated_at", last.at().toString());
        out.put("interval_seconds", interval.toSeconds());
        out.put("capacity", capacity);
        out.put("poll_seconds", POLL_SECONDS);
        out.put("time", time);
        out.put("charts", charts);
        out.put("totals", totals(last, errorKeys));
        return out;
    }

    private static Map<String, Object> chart(
            String id,
            String title,
            String unit,
            String description,
            List<SeriesDef> defs,
            List<Sample> samples,
            Sample base) {
        List<Object> series = new ArrayList<>();
        for (SeriesDef d : defs) {
            List<Object> values = new ArrayList<>();
            Sample before = base;
            for (Sample s : samples) {
                values.add(number(value(d, s, before)));
                before = s;
            }
            Sample last = samples.get(samples.size() - 1);
            Double total = switch (d.kind()) {
                case PER_INTERVAL -> raw(last, d.key());
                case GAUGE -> raw(last, d.key());
                case SHARE -> share(raw(last, d.key()), raw(last, "requests.midas_v1") + raw(last, "requests.pay_v2"));
            };
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", d.label());
            m.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("values", values);
            m.put("last", values.get(values.size() - 1));
            m.put("total", number(total));
            series.add(m);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("title", title);
        c.put("unit", unit);
        c.put("description", description);
        c.put("series", series);
        return c;
    }

    private static Double value(SeriesDef d, Sample s, Sample before) {
        return switch (d.kind()) {
            case GAUGE -> raw(s, d.key());
            case PER_INTERVAL -> raw(s, d.key()) - (before == null ? 0 : raw(before, d.key()));
            case SHARE -> {
                double routed = raw(s, "requests.midas_v1") + raw(s, "requests.pay_v2");
                double routedBefore =
                        before == null ? 0 : raw(before, "requests.midas_v1") + raw(before, "requests.pay_v2");
                yield share(raw(s, d.key()) - (before == null ? 0 : raw(before, d.key())), routed - routedBefore);
            }
        };
    }

    private static Double share(double part, double whole) {
        return whole > 0 ? Math.round(1000.0 * part / whole) / 10.0 : null;
    }

    private static double raw(Sample s, String key) {
        return s.values().getOrDefault(key, 0.0);
    }

    /** A JSON number: whole numbers as longs, NaN (unreadable) as null. */
    private static Object number(Double d) {
        if (d == null || d.isNaN() || d.isInfinite()) {
            return null;
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        return d;
    }

    private static Map<String, Object> totals(Sample last, TreeSet<String> errorKeys) {
        Map<String, Object> t = new LinkedHashMap<>();
        Map<String, Object> routing = new LinkedHashMap<>();
        routing.put("production", number(raw(last, "routing.production")));
        routing.put("sandbox", number(raw(last, "routing.sandbox")));
        t.put("routing_pay_v2_percent", routing);
        Map<String, Object> requests = new LinkedHashMap<>();
        for (String v : VERSIONS) {
            requests.put(v, number(raw(last, "requests." + v)));
        }
        t.put("requests", requests);
        Map<String, Object> errors = new LinkedHashMap<>();
        for (String k : errorKeys) {
            errors.put(k.substring("errors.".length()), number(raw(last, k)));
        }
        t.put("errcodes", errors);
        Map<String, Object> orders = new LinkedHashMap<>();
        orders.put("pending", number(raw(last, "orders.pending")));
        orders.put("unknown", number(raw(last, "orders.unknown")));
        orders.put(
                "oldest_unresolved_at",
                last.oldestPending().map(Instant::toString).orElse(null));
        orders.put("answered_unknown", number(raw(last, "orders.answered_unknown")));
        t.put("orders", orders);
        Map<String, Object> shadow = new LinkedHashMap<>();
        for (String r : SHADOW_RESULTS) {
            shadow.put(r, number(raw(last, "shadow." + r)));
        }
        t.put("shadow_reads", shadow);
        Map<String, Object> misses = new LinkedHashMap<>();
        for (String r : MISS_REASONS) {
            misses.put(r, number(raw(last, "session." + r)));
        }
        t.put("session_key_misses", misses);
        Map<String, Object> push = new LinkedHashMap<>();
        for (String o : PUSH_OUTCOMES) {
            push.put(o, number(raw(last, "push." + o)));
        }
        t.put("push_events", push);
        return t;
    }
}
