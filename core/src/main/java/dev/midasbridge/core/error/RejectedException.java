package dev.midasbridge.core.error;

import dev.midasbridge.core.ApiVersion;

/** A definite business answer (balance too low, order exists, no such order...): nothing was applied. */
public final class RejectedException extends PaymentException {
    private static final long serialVersionUID = 1L;

    RejectedException(
            ErrorKind kind, ApiVersion version, Integer errcode, String errmsg, String message, Throwable cause) {
        super(kind, version, errcode, errmsg, message, cause);
    }
}
