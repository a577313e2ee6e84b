package dev.midasbridge.core.gateway;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import java.time.Duration;
import java.util.Objects;

/**
 * What a single call needs besides the operation: the environment (production or sandbox), the player's
 * session (its session_key signs the call), the deadline, and a listener told just before each request goes on
 * the wire.
 *
 * <p>The listener is how a caller journals "sent" truthfully: a gateway calls {@link #beforeSend()} once per HTTP
 * request, after everything that can fail locally (access token, signing, encoding) has succeeded and immediately
 * before the request is written. A call that fails before that point was never sent, and its exception says so
 * (for example {@code ErrorKind.ACCESS_TOKEN_UNAVAILABLE}).
 */
public record CallContext(
        Environment environment, PlayerSession session, Deadline deadline, SendListener sendListener) {
    public CallContext {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(sendListener, "sendListener");
    }

    /** A call with no send listener. */
    public CallContext(Environment environment, PlayerSession session, Deadline deadline) {
        this(environment, session, deadline, SendListener.NONE);
    }

    /** A production call for {@code session} with {@code timeout} to answer. */
    public static CallContext production(PlayerSession session, Duration timeout) {
        return new CallContext(Environment.PRODUCTION, session, Deadline.in(timeout));
    }

    /** A sandbox call for {@code session} with {@code timeout} to answer. */
    public static CallContext sandbox(PlayerSession session, Duration timeout) {
        return new CallContext(Environment.SANDBOX, session, Deadline.in(timeout));
    }

    /** This context with {@code listener} told before each request is sent. */
    public CallContext withSendListener(SendListener listener) {
        return new CallContext(environment, session, deadline, listener);
    }

    /** Gateways call this once per HTTP request, immediately before it is written to the connection. */
    public void beforeSend() {
        sendListener.beforeSend();
    }

    /** Told immediately before a request goes on the wire. */
    @FunctionalInterface
    public interface SendListener {
        /** Listens to nothing. */
        SendListener NONE = () -> {};

        /** The request is about to be sent: from now on its outcome may be unknown. Must not throw. */
        void beforeSend();
    }
}
