package dev.midasbridge.gateway;

import dev.midasbridge.engine.journal.Journal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The gateway's metrics through Micrometer, scraped in Prometheus format at {@code /metrics}:
 * {@code bridge.requests} (dialect, routed version, errcode), {@code bridge.request.latency} (a timer with a
 * histogram, by dialect and endpoint), {@code bridge.unknown.outcomes}, {@code bridge.orders.pending} (journal
 * orders PENDING or UNKNOWN), {@code bridge.reconcile.runs} (result), {@code bridge.session.key.misses} (reason),
 * {@code bridge.forwarded} (kind: passthrough or jscode2session, status).
 */
final class GatewayMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    void request(Dialect dialect, String endpoint, String routed, int errcode, Duration took) {
        Counter.builder("bridge.requests")
                .description("payment requests answered by the gateway")
                .tag("dialect", dialect.tag())
                .tag("routed_version", routed)
                .tag("errcode", String.valueOf(errcode))
                .register(registry)
                .increment();
        Timer.builder("bridge.request.latency")
                .description("time to answer a payment request")
                .tag("dialect", dialect.tag())
                .tag("endpoint", endpoint)
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }

    void forwarded(String kind, int status, Duration took) {
        Timer.builder("bridge.forwarded")
                .description("requests forwarded upstream unchanged")
                .tag("kind", kind)
                .tag("status", String.valueOf(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }

    void unknownOutcome(Dialect dialect) {
        Counter.builder("bridge.unknown.outcomes")
                .description("coin-moving requests answered -1 because the outcome was still unknown")
                .tag("dialect", dialect.tag())
                .register(registry)
                .increment();
    }

    void sessionKeyMiss(Dialect dialect, String reason) {
        Counter.builder("bridge.session.key.misses")
                .description("requests refused for want of a right session key")
                .tag("dialect", dialect.tag())
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    void reconcileRun(String result) {
        Counter.builder("bridge.reconcile.runs")
                .description("background reconcile runs")
                .tag("result", result)
                .register(registry)
                .increment();
    }

    void pendingOrders(Journal journal) {
        Supplier<Number> pending = () -> {
            try {
                return journal.unresolved().size();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        };
        Gauge.builder("bridge.orders.pending", pending)
                .description("journaled orders PENDING or UNKNOWN")
                .register(registry);
    }

    /** The registry, for the meters other parts of the gateway add (push events: {@link PushMetrics}). */
    io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    String scrape() {
        return registry.scrape();
    }

    void close() {
        registry.close();
    }
}
