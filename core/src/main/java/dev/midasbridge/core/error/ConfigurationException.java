package dev.midasbridge.core.error;

import dev.midasbridge.core.ApiVersion;

/** Keys, offer ids, access token or permissions are wrong: retrying unchanged will fail again. */
public final class ConfigurationException extends PaymentException {
    private static final long serialVersionUID = 1L;

    ConfigurationException(
            ErrorKind kind, ApiVersion version, Integer errcode, String errmsg, String message, Throwable cause) {
        super(kind, version, errcode, errmsg, message, cause);
    }
}
