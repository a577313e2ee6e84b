package dev.midasbridge.cli;

/** The exit codes every command uses (documented in the README and in {@code --help}). */
final class ExitCodes {
    /** It worked, and every check held. */
    static final int OK = 0;
    /** It ran, and a check failed: invalid order numbers, a wrong signature, a failing vector, a demo check. */
    static final int CHECK_FAILED = 1;
    /** Bad input: unknown flag, unreadable file, malformed JSON or configuration. Nothing was sent. */
    static final int BAD_INPUT = 2;
    /** The payment API gave a definite error (balance too low, session expired, signature wrong...). */
    static final int PAYMENT_ERROR = 3;
    /** The outcome is unknown (timeout, -1 after retries): the order is journaled; run {@code journal reconcile}. */
    static final int OUTCOME_UNKNOWN = 4;
    /**
     * Not applied, and it may work later: nothing was sent (the access token could not be fetched, could not
     * connect) or the API said to try again later (midas 1.0 90016). Run the same command again later, with the same
     * order number. A read ({@code balance}, {@code query-order}) that got no usable answer exits with this code too.
     */
    static final int NOT_APPLIED_TRY_LATER = 5;

    static final String HELP = "%nExit codes: 0 ok; 1 a check failed; 2 bad input; 3 the payment API answered an"
            + " error; 4 outcome unknown (journaled, run `journal reconcile`); 5 not applied, nothing was sent or"
            + " the API said later (run it again later).";

    private ExitCodes() {}
}
