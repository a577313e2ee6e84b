package dev.midasbridge.core.error;

import dev.midasbridge.core.ApiVersion;

/**
 * The request is wrong and must be fixed: rejected before sending (a field breaking a rule of the version)
 * or by the server (90018). The message names the field, the rule and the version.
 */
public final class InvalidInputException extends PaymentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidInputException(
            ErrorKind kind, ApiVersion version, Integer errcode, String errmsg, String message, Throwable cause) {
        super(kind, version, errcode, errmsg, message, cause);
        this.field = null;
    }

    private InvalidInputException(String field, ApiVersion version, String message) {
        super(ErrorKind.INVALID_INPUT, version, null, null, message, null);
        this.field = field;
    }

    /**
     * A value rejected before sending. {@code message} is the whole sentence, naming the field, the rule
     * and (when the rule is a version's) the version, e.g. {@code amount 0: must be greater than 0}.
     */
    public static InvalidInputException of(String field, ApiVersion version, String message) {
        return new InvalidInputException(field, version, message);
    }

    /** The field that was rejected before sending, when known. */
    public java.util.Optional<String> field() {
        return java.util.Optional.ofNullable(field);
    }
}
