package dev.midasbridge.engine.journal;

/**
 * The journal could not be read or written. The bridge never calls the API for an order whose intent it could not
 * journal, so no order is lost; the message names the order and the database error, never a password.
 */
public final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
