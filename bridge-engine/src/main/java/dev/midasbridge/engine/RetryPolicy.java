package dev.midasbridge.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the bridge retries an order whose outcome is unknown (timeout, dropped connection, -1): with the same order
 * number on the same version, at most {@code maxAttempts} calls within {@code budget}, waiting a capped exponential
 * backoff with jitter between them (half to all of {@code min(maxBackoff, initialBackoff * 2^(n-1))}).
 */
public record RetryPolicy(
        int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration budget, Sleeper sleeper) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry maxAttempts " + maxAttempts + ": must be at least 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(sleeper, "sleeper");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("retry backoff: need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** 6 attempts within 30 s, backoff from 200 ms up to 5 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30), Sleeper.REAL);
    }

    /** This policy without any waiting: for tests. */
    public RetryPolicy withoutSleeping() {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, budget, Sleeper.NONE);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, budget, sleeper);
    }

    /** The wait before attempt {@code nextAttempt} (2 for the first retry), jittered. */
    public Duration backoffBefore(int nextAttempt) {
        long base = initialBackoff.toMillis();
        int doublings = Math.min(Math.max(nextAttempt - 2, 0), 30);
        long capped = Math.min(maxBackoff.toMillis(), base << doublings);
        if (capped <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
