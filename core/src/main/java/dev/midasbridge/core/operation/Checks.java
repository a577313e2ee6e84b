package dev.midasbridge.core.operation;

import dev.midasbridge.core.error.InvalidInputException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The validations the operation records share. */
final class Checks {
    private Checks() {}

    static long positive(String field, long amount) {
        if (amount <= 0) {
            throw InvalidInputException.of(field, null, field + " " + amount + ": must be greater than 0");
        }
        return amount;
    }

    static OptionalLong positive(String field, OptionalLong amount) {
        Objects.requireNonNull(amount, field);
        if (amount.isPresent()) {
            positive(field, amount.getAsLong());
        }
        return amount;
    }

    /** An optional text must be absent or non-empty: we never send an empty optional parameter. */
    static Optional<String> optionalText(String field, Optional<String> value) {
        Objects.requireNonNull(value, field);
        if (value.isPresent() && value.get().isEmpty()) {
            throw InvalidInputException.of(field, null, field + " \"\": must be left out rather than sent empty");
        }
        return value;
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw InvalidInputException.of(field, null, field + ": is required");
        }
        return value;
    }
}
