package dev.midasbridge.core.gateway;

import java.time.Duration;
import java.util.Objects;

/** The instant by which a call must have its answer; adapters turn what remains into the HTTP call timeout. */
public final class Deadline {
    private final long deadlineNanos;
    private final Duration budget;

    private Deadline(long deadlineNanos, Duration budget) {
        this.deadlineNanos = deadlineNanos;
        this.budget = budget;
    }

    /** A deadline {@code budget} from now; the budget must be positive. */
    public static Deadline in(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("deadline " + budget + ": must be positive");
        }
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    /** What is left, never negative. */
    public Duration remaining() {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Whether the deadline has passed. */
    public boolean expired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /** The budget this deadline was made with. */
    public Duration budget() {
        return budget;
    }

    @Override
    public String toString() {
        return "Deadline[remaining=" + remaining().toMillis() + "ms of " + budget.toMillis() + "ms]";
    }
}
