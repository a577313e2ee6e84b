package dev.midasbridge.conformance;

/**
 * The external signer can answer no further vector: it could not run, died, was stopped after a timeout, or does
 * not speak the protocol (its first answer is not a JSON object). The run stops with this one error instead of
 * failing every remaining vector with the same message; the message says what happened and ends with what the
 * signer last wrote to stderr (with the current vector's secrets masked).
 */
public final class SignerFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int answered;

    SignerFailedException(String message, int answered) {
        super(message);
        this.answered = answered;
    }

    /** How many vectors the signer answered before it failed. */
    public int answered() {
        return answered;
    }
}
