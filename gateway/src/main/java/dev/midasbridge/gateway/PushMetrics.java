package dev.midasbridge.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The push endpoint's metrics, in the gateway's registry: {@code bridge.push.events} (Prometheus {@code
 * bridge_push_events_total}) with tags {@code outcome} = {@code delivered} (the game accepted it, its first delivery),
 * {@code duplicate} (a copy of a delivered event answered without a new delivery, or a delivery flagged as a possible
 * duplicate), {@code refused} (a check failed: tampered, wrong signature, unreadable), {@code mock} ({@code IsMock}:
 * checked and answered, never delivered), {@code failed} (the game did not accept it yet: WeChat pushes it again) and
 * {@code event} (the {@code Event} name, {@code unknown} when the push could not be read); {@code
 * bridge.push.forwarded} (status) for pushes forwarded to the game's own URL; {@code bridge.client.payments}
 * (routed_version, result).
 */
final class PushMetrics {
    private final MeterRegistry registry;

    PushMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void event(String outcome, String event) {
        Counter.builder("bridge.push.events")
                .description("payment push events by what became of them")
                .tag("outcome", outcome)
                .tag("event", event)
                .register(registry)
                .increment();
    }

    void forwarded(int status) {
        Counter.builder("bridge.push.forwarded")
                .description("pushes forwarded unchanged to the game's own push URL")
                .tag("status", String.valueOf(status))
                .register(registry)
                .increment();
    }

    void clientPayment(String routed, String result) {
        Counter.builder("bridge.client.payments")
                .description("client payment parameters formed")
                .tag("routed_version", routed)
                .tag("result", result)
                .register(registry)
                .increment();
    }
}
