package dev.midasbridge.core.error;

import dev.midasbridge.core.ApiVersion;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one exception type midas-bridge throws for a failed payment call. Its subclass tells the caller
 * what to do ({@link OutcomeUnknownException}: retry with the same order number; {@link ReLoginRequiredException};
 * {@link InvalidInputException}; ...). It keeps the version, errcode and errmsg it came from; it never holds a secret.
 */
public abstract sealed class PaymentException extends RuntimeException
        permits OutcomeUnknownException,
                RetryableException,
                ConfigurationException,
                ReLoginRequiredException,
                InvalidInputException,
                RejectedException,
                PushVerificationException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final transient ApiVersion version;
    private final Integer errcode;
    private final String errmsg;
    /** What happened, in words, as given to {@link #of}; null when none was given. */
    private String detail;

    PaymentException(
            ErrorKind kind, ApiVersion version, Integer errcode, String errmsg, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.version = version;
        this.errcode = errcode;
        this.errmsg = errmsg;
    }

    /**
     * The exception for {@code kind}, of the subclass its category calls for.
     *
     * @param version the version that answered, or null when no version was involved
     * @param errcode the errcode the server sent, or null when there was none (timeouts, local checks)
     * @param errmsg the server's errmsg, or null
     * @param detail what happened, in words; must not contain secrets
     */
    public static PaymentException of(
            ErrorKind kind, ApiVersion version, Integer errcode, String errmsg, String detail, Throwable cause) {
        String message = describe(kind, version, errcode, errmsg, detail);
        PaymentException ex = switch (kind.category()) {
            case OUTCOME_UNKNOWN -> new OutcomeUnknownException(kind, version, errcode, errmsg, message, cause);
            case RETRYABLE -> new RetryableException(kind, version, errcode, errmsg, message, cause);
            case CONFIGURATION -> new ConfigurationException(kind, version, errcode, errmsg, message, cause);
            case RELOGIN -> new ReLoginRequiredException(kind, version, errcode, errmsg, message, cause);
            case INVALID_INPUT -> new InvalidInputException(kind, version, errcode, errmsg, message, cause);
            case REJECTED -> new RejectedException(kind, version, errcode, errmsg, message, cause);
        };
        ex.detail = detail == null || detail.isEmpty() ? null : detail;
        return ex;
    }

    /** The exception for an errcode answer, classified by {@code table}. */
    public static PaymentException fromErrcode(ErrcodeTable table, int errcode, String errmsg) {
        ErrorKind kind = table.kindOf(errcode, errmsg);
        return of(kind, table.version(), errcode, errmsg, null, null);
    }

    private static String describe(ErrorKind kind, ApiVersion version, Integer errcode, String errmsg, String detail) {
        StringBuilder sb = new StringBuilder();
        if (version != null) {
            sb.append(version.label()).append(' ');
        }
        if (errcode != null) {
            sb.append("errcode ").append(errcode);
            if (errmsg != null && !errmsg.isEmpty()) {
                sb.append(" \"").append(errmsg).append('"');
            }
            sb.append(": ");
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(detail).append(" (").append(kind.advice()).append(')');
        } else {
            sb.append(kind.advice());
        }
        return sb.toString();
    }

    /** What happened, in words (without the advice of its kind), when it was said; never a secret. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** What went wrong, and so what to do. */
    public ErrorKind kind() {
        return kind;
    }

    /** The version that answered, if any. */
    public Optional<ApiVersion> version() {
        return Optional.ofNullable(version);
    }

    /** The errcode the server sent, if any. */
    public OptionalInt errcode() {
        return errcode == null ? OptionalInt.empty() : OptionalInt.of(errcode);
    }

    /** The server's errmsg, if any. */
    public Optional<String> errmsg() {
        return Optional.ofNullable(errmsg);
    }

    /** Shorthand for {@code kind().retrySameOrderSafe()}. */
    public boolean retrySameOrderSafe() {
        return kind.retrySameOrderSafe();
    }

    /** Shorthand for {@code kind().outcomeUnknown()}. */
    public boolean outcomeUnknown() {
        return kind.outcomeUnknown();
    }

    /** Shorthand for {@code kind().mustReLogin()}. */
    public boolean mustReLogin() {
        return kind.mustReLogin();
    }

    /** Shorthand for {@code kind().mustFixInput()}. */
    public boolean mustFixInput() {
        return kind.mustFixInput();
    }
}
