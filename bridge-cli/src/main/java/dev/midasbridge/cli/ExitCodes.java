package dev.midasbridge.cli;

/** The exit codes every command uses (documented in the README and in {@code --help}). */
final class ExitCodes {
    /** It worked, and every check held. */
    static final int OK = 0;
    /** It ran, and a check failed: invalid order numbers, a wrong signature, a failing vector, a demo check. */
    static final int CHECK_FAILED = 1;
    /**
     * Bad input, refused before anything was sent: unknown flag, unreadable file, malformed JSON or configuration, a
     * value the version forbids, a journal that cannot be opened.
     */
    static final int BAD_INPUT = 2;
    /**
     * The payment API answered a definite error: balance too low, duplicate order, session expired, signature or
     * configuration wrong, a parameter it rejected (90018). Something was sent; the answer says it was not applied.
     */
    static final int PAYMENT_ERROR = 3;
    /** The outcome is unknown (timeout, -1 after retries): the order is journaled; run {@code journal reconcile}. */
    static final int OUTCOME_UNKNOWN = 4;
    /**
     * Not applied, and it may work later: nothing was sent (the access token could not be fetched, could not
     * connect) or the API said to try again later (midas 1.0 90016). Run the same command again later, with the same
     * order number. A read ({@code balance}, {@code query-order}) that got no usable answer exits with this code too.
     */
    static final int NOT_APPLIED_TRY_LATER = 5;

    static final String HELP =
            "%nExit codes: 0 ok; 1 a check failed; 2 bad input, nothing was sent; 3 the payment API answered"
                    + " an error (e.g. 90018, 90013); 4 outcome unknown (journaled, run `journal reconcile`); 5 not applied, nothing was sent or"
                    + " the API said later (run it again later).";

    private ExitCodes() {}
}
