package dev.midasbridge.core.error;

import dev.midasbridge.core.ApiVersion;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A pay_v2 push failed one of its checks ({@link #check()}): a signature, the safe-mode envelope, or a payload field.
 * The message names the check, the field when there is one, and {@code pay_v2}; it never holds a secret. Kind
 * {@link ErrorKind#PUSH_REFUSED}.
 */
public final class PushVerificationException extends PaymentException {
    private static final long serialVersionUID = 1L;

    private final PushCheck check;
    private final String field;
    private final int line;
    private final int column;

    private PushVerificationException(
            PushCheck check, String field, int line, int column, String detail, Throwable cause) {
        super(
                ErrorKind.PUSH_REFUSED,
                ApiVersion.PAY_V2,
                null,
                null,
                message(check, field, line, column, detail),
                cause);
        this.check = check;
        this.field = field;
        this.line = line;
        this.column = column;
    }

    private static String message(PushCheck check, String field, int line, int column, String detail) {
        StringBuilder sb = new StringBuilder("pay_v2 push: ")
                .append(check.name())
                .append(" failed (")
                .append(check.description())
                .append(')');
        if (field != null) {
            sb.append(", field ").append(field);
        }
        if (line > 0) {
            sb.append(", at line ").append(line);
            if (column > 0) {
                sb.append(" column ").append(column);
            }
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    /** {@code check} failed; {@code detail} says how, and must not contain a secret. */
    public static PushVerificationException of(PushCheck check, String detail) {
        return new PushVerificationException(Objects.requireNonNull(check, "check"), null, 0, 0, detail, null);
    }

    /** As {@link #of(PushCheck, String)}, keeping the cause (which must not carry a secret either). */
    public static PushVerificationException of(PushCheck check, String detail, Throwable cause) {
        return new PushVerificationException(Objects.requireNonNull(check, "check"), null, 0, 0, detail, cause);
    }

    /** A payload field ({@code field}, e.g. {@code GoodsInfo.ActualPrice}) is missing or breaks its rule. */
    public static PushVerificationException payload(String field, String detail) {
        return new PushVerificationException(
                PushCheck.PAYLOAD, Objects.requireNonNull(field, "field"), 0, 0, detail, null);
    }

    /** A body field ({@code field} may be null) is missing or malformed, at {@code line}/{@code column} (0: unknown). */
    public static PushVerificationException body(String field, int line, int column, String detail) {
        return new PushVerificationException(
                PushCheck.BODY, field, Math.max(0, line), Math.max(0, column), detail, null);
    }

    /** The check that failed. */
    public PushCheck check() {
        return check;
    }

    /** The field that failed its rule (payload or body checks), when there is one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** Where in the body reading failed (1-based), when the parser said so. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** Where on {@link #line()} reading failed (1-based), when the parser said so. */
    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }
}
