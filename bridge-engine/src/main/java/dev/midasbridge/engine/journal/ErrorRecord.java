package dev.midasbridge.engine.journal;

import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.PaymentException;
import java.util.Objects;

/** The last error seen for an order, as kept in the journal (never a secret). */
public record ErrorRecord(ErrorKind kind, Integer errcode, String errmsg, String message) {
    public ErrorRecord {
        Objects.requireNonNull(kind, "kind");
    }

    public static ErrorRecord of(PaymentException e) {
        return new ErrorRecord(
                e.kind(),
                e.errcode().isPresent() ? e.errcode().getAsInt() : null,
                e.errmsg().orElse(null),
                e.getMessage());
    }
}
