package dev.midasbridge.core.error;

import dev.midasbridge.core.ApiVersion;

/** The player's session is gone (midas 1.0 90010, pay_v2 90016): the player must log in again for a fresh session_key. */
public final class ReLoginRequiredException extends PaymentException {
    private static final long serialVersionUID = 1L;

    ReLoginRequiredException(
            ErrorKind kind, ApiVersion version, Integer errcode, String errmsg, String message, Throwable cause) {
        super(kind, version, errcode, errmsg, message, cause);
    }
}
