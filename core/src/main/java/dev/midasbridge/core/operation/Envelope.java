package dev.midasbridge.core.operation;

import dev.midasbridge.core.Environment;
import java.util.Objects;

/**
 * An operation with what every request carries besides it: the environment and the {@code ts} (UNIX seconds).
 * Wire mappers turn an envelope into a request body and back; translation goes v1 body, envelope, v2 body.
 */
public record Envelope<O extends Operation>(O operation, Environment environment, long timestamp) {
    public Envelope {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(environment, "environment");
        if (timestamp <= 0) {
            throw new IllegalArgumentException("ts " + timestamp + ": must be a positive UNIX time in seconds");
        }
    }
}
