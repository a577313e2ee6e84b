package dev.midasbridge.conformance;

import java.util.Objects;

/**
 * One failed vector and its first difference: the {@code key} checked (an {@code expect} key such as {@code sig},
 * a path such as {@code v2.amount}, or the input that made the vector malformed), what was expected and what
 * the subject did. Secret inputs of the vector never appear in it.
 */
public record VectorFailure(String vectorId, String key, String expected, String actual) {
    public VectorFailure {
        Objects.requireNonNull(vectorId, "vectorId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
    }

    /** The failure on one line, e.g. {@code FAIL pay-1 sig: expected "ab12…", actual "cd34…"}. */
    public String line() {
        return "FAIL " + vectorId + " " + key + ": expected " + expected + ", actual " + actual;
    }

    @Override
    public String toString() {
        return line();
    }
}
