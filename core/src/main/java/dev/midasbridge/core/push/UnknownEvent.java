package dev.midasbridge.core.push;

import dev.midasbridge.core.Environment;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified push whose {@code Event} midas-bridge does not type (a refund, a complaint, a new event): kept raw, with
 * its {@code OutTradeNo} and {@code OpenId} when the payload has them, never dropped.
 */
public record UnknownEvent(
        String eventName,
        String payload,
        boolean mock,
        Environment environment,
        Optional<String> outTradeNo,
        Optional<String> openId)
        implements PushEvent {
    public UnknownEvent {
        PushEvents.common(eventName, payload, environment);
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(openId, "openId");
    }
}
