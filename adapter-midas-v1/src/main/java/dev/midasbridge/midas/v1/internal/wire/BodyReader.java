package dev.midasbridge.midas.v1.internal.wire;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of a midas 1.0 request body given as a map (as a JSON library hands it over), strictly:
 * text fields must be JSON strings, number fields integral JSON numbers, and every rejection names the field,
 * the rule and midas_v1.
 */
final class BodyReader {
    private static final ApiVersion V1 = ApiVersion.MIDAS_V1;
    private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

    private final String endpoint;
    private final Map<String, ?> body;

    BodyReader(String endpoint, Map<String, ?> body) {
        this.endpoint = endpoint;
        this.body = body;
    }

    /** Rejects any field not in {@code allowed} (sig and mp_sig are always allowed and ignored). */
    void rejectUnknown(Set<String> allowed) {
        for (String name : body.keySet()) {
            if (name == null) {
                throw invalid("(null)", "a field name must not be null");
            }
            if (!allowed.contains(name) && !name.equals("sig") && !name.equals("mp_sig")) {
                throw invalid(
                        name,
                        name + ": midas_v1 " + endpoint + " has no such field"
                                + (name.equals("access_token") ? " (access_token travels in the query)" : ""));
            }
        }
    }

    String requiredText(String name) {
        return text(name).orElseThrow(() -> missing(name));
    }

    Optional<String> optionalText(String name) {
        Optional<String> value = text(name);
        if (value.isPresent() && value.get().isEmpty()) {
            throw invalid(name, name + " \"\": midas_v1 optional parameters are left out rather than sent empty");
        }
        return value;
    }

    long requiredNumber(String name) {
        if (!body.containsKey(name)) {
            throw missing(name);
        }
        Object value = body.get(name);
        if (value == null) {
            throw invalid(name, name + " null: midas_v1 " + endpoint + " requires a JSON number");
        }
        if (value instanceof String s) {
            throw invalid(name, name + " \"" + s + "\": midas_v1 expects a JSON number, not a string");
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            BigDecimal d;
            try {
                d = value instanceof BigDecimal b
                        ? b
                        : value instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                throw invalid(name, name + " " + n + ": midas_v1 expects a whole number");
            }
            if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                throw invalid(name, name + " " + n + ": midas_v1 expects a whole number, not a fraction");
            }
            if (d.compareTo(MIN_LONG) < 0 || d.compareTo(MAX_LONG) > 0) {
                throw invalid(name, name + " " + n + ": midas_v1 expects a whole number within 64 bits");
            }
            return d.longValueExact();
        }
        throw invalid(name, name + ": midas_v1 expects a JSON number, not " + describe(value));
    }

    long positiveNumber(String name) {
        long value = requiredNumber(name);
        if (value <= 0) {
            throw invalid(name, name + " " + value + ": midas_v1 requires " + name + " > 0");
        }
        return value;
    }

    private Optional<String> text(String name) {
        if (!body.containsKey(name)) {
            return Optional.empty();
        }
        Object value = body.get(name);
        if (value == null) {
            throw invalid(name, name + " null: midas_v1 expects a JSON string (leave the field out instead)");
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        if (value instanceof Number n) {
            throw invalid(name, name + " " + n + ": midas_v1 expects a JSON string, not a number");
        }
        throw invalid(name, name + ": midas_v1 expects a JSON string, not " + describe(value));
    }

    private static String describe(Object value) {
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof Iterable || value.getClass().isArray()) {
            return "an array";
        }
        return value.getClass().getSimpleName();
    }

    private InvalidInputException missing(String name) {
        return invalid(name, name + ": required by midas_v1 " + endpoint + " but missing");
    }

    static InvalidInputException invalid(String field, String message) {
        return InvalidInputException.of(field, V1, message);
    }
}
