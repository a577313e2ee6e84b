package dev.midasbridge.core.error;

import dev.midasbridge.core.ApiVersion;

/** The call was not applied but may succeed later with the same order number (could not connect; midas 1.0 refund of an order still processing). */
public final class RetryableException extends PaymentException {
    private static final long serialVersionUID = 1L;

    RetryableException(
            ErrorKind kind, ApiVersion version, Integer errcode, String errmsg, String message, Throwable cause) {
        super(kind, version, errcode, errmsg, message, cause);
    }
}
