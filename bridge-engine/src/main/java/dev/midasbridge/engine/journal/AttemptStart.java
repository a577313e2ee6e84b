package dev.midasbridge.engine.journal;

/**
 * What {@link Journal#startAttempt} found before marking a new attempt: the attempt's number (1 for the first),
 * whether an earlier attempt may have been applied, and the status before.
 */
public record AttemptStart(int attempt, boolean priorMaybeApplied, OrderStatus statusBefore) {
    /** The first attempt of an order journaled with it ({@link Journal#startFirstAttempt}). */
    public static final AttemptStart FIRST = new AttemptStart(1, false, OrderStatus.PENDING);
}
