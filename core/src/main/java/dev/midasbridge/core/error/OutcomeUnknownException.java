package dev.midasbridge.core.error;

import dev.midasbridge.core.ApiVersion;

/** The call may or may not have been applied (timeout, dropped connection, errcode -1, unreadable answer): call again with the same order number on the same version until the answer is definite. */
public final class OutcomeUnknownException extends PaymentException {
    private static final long serialVersionUID = 1L;

    OutcomeUnknownException(
            ErrorKind kind, ApiVersion version, Integer errcode, String errmsg, String message, Throwable cause) {
        super(kind, version, errcode, errmsg, message, cause);
    }
}
