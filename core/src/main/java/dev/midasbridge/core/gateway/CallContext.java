package dev.midasbridge.core.gateway;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import java.time.Duration;
import java.util.Objects;

/**
 * What a single call needs besides the operation: the environment (production or sandbox), the player's
 * session (its session_key signs the call) and the deadline.
 */
public record CallContext(Environment environment, PlayerSession session, Deadline deadline) {
    public CallContext {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** A production call for {@code session} with {@code timeout} to answer. */
    public static CallContext production(PlayerSession session, Duration timeout) {
        return new CallContext(Environment.PRODUCTION, session, Deadline.in(timeout));
    }

    /** A sandbox call for {@code session} with {@code timeout} to answer. */
    public static CallContext sandbox(PlayerSession session, Duration timeout) {
        return new CallContext(Environment.SANDBOX, session, Deadline.in(timeout));
    }
}
