package dev.midasbridge.conformance;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON as plain values, read and written with Moshi: objects are {@code LinkedHashMap}s (key order kept), arrays
 * {@code List}s, numbers {@code Long} when whole and in range (else {@code BigDecimal}, never a lossy double),
 * strings, booleans and {@code null}. Duplicate keys are rejected, because a vector with two values for one key
 * is ambiguous.
 */
final class Json {
    private static final JsonAdapter<Object> TREE = new TreeAdapter().serializeNulls();

    private Json() {
    }

    /** Parses one JSON document; anything else (including trailing text) is an {@link IOException} saying where. */
    static Object parse(String text) throws IOException {
        try {
            return TREE.fromJson(text);
        } catch (JsonDataException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** {@code value} as compact JSON on one line (newlines inside strings are escaped). */
    static String write(Object value) {
        return TREE.toJson(value);
    }

    /** A value for messages: JSON text, so that a string {@code "1"} and a number {@code 1} look different. */
    static String show(Object value) {
        try {
            return write(value);
        } catch (IllegalArgumentException e) {
            return String.valueOf(value);
        }
    }

    /** The JSON type of {@code value} in words, for messages. */
    static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value.getClass().getSimpleName();
    }

    /** Whether {@code value} is a JSON number holding a whole number that fits a {@code long}. */
    static boolean isWholeNumber(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return true;
        }
        if (value instanceof Number n) {
            try {
                new BigDecimal(n.toString()).longValueExact();
                return true;
            } catch (ArithmeticException | NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * The first place where {@code actual} differs from {@code expected} as a JSON value (same keys, same values,
     * same JSON types; numbers compare by value, so {@code 1} equals {@code 1.0} but never {@code "1"}).
     * {@code path} names the root, e.g. {@code v2}; the difference names e.g. {@code v2.amount}.
     */
    static Optional<Difference> firstDifference(String path, Object expected, Object actual) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                String child = path + "." + entry.getKey();
                if (!a.containsKey(entry.getKey())) {
                    return Optional.of(new Difference(child, show(entry.getValue()), "(missing)"));
                }
                Optional<Difference> d = firstDifference(child, entry.getValue(), a.get(entry.getKey()));
                if (d.isPresent()) {
                    return d;
                }
            }
            for (Object key : a.keySet()) {
                if (!e.containsKey(key)) {
                    return Optional.of(new Difference(path + "." + key, "(absent)", show(a.get(key))));
                }
            }
            return Optional.empty();
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a) {
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                Optional<Difference> d = firstDifference(path + "[" + i + "]", e.get(i), a.get(i));
                if (d.isPresent()) {
                    return d;
                }
            }
            if (e.size() != a.size()) {
                return Optional.of(new Difference(path, e.size() + " elements", a.size() + " elements"));
            }
            return Optional.empty();
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            return new BigDecimal(e.toString()).compareTo(new BigDecimal(a.toString())) == 0
                    ? Optional.empty()
                    : Optional.of(new Difference(path, show(e), show(a)));
        }
        if (expected == null ? actual == null : expected.equals(actual)) {
            return Optional.empty();
        }
        String expectedText = show(expected);
        String actualText = show(actual);
        if (!typeOf(expected).equals(typeOf(actual))) {
            expectedText += " (" + typeOf(expected) + ")";
            actualText += " (" + typeOf(actual) + ")";
        }
        return Optional.of(new Difference(path, expectedText, actualText));
    }

    /** Where two JSON values first differ, and the two values there as text. */
    record Difference(String path, String expected, String actual) {
    }

    /** Reads and writes the plain-value tree. */
    private static final class TreeAdapter extends JsonAdapter<Object> {
        @Override
        public Object fromJson(JsonReader reader) throws IOException {
            return switch (reader.peek()) {
                case BEGIN_OBJECT -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    reader.beginObject();
                    while (reader.hasNext()) {
                        String name = reader.nextName();
                        if (map.containsKey(name)) {
                            throw new JsonDataException("duplicate key \"" + name + "\" at " + reader.getPath());
                        }
                        map.put(name, fromJson(reader));
                    }
                    reader.endObject();
                    yield map;
                }
                case BEGIN_ARRAY -> {
                    List<Object> list = new ArrayList<>();
                    reader.beginArray();
                    while (reader.hasNext()) {
                        list.add(fromJson(reader));
                    }
                    reader.endArray();
                    yield list;
                }
                case STRING -> reader.nextString();
                case NUMBER -> number(reader.nextString());
                case BOOLEAN -> reader.nextBoolean();
                case NULL -> reader.nextNull();
                default -> throw new JsonDataException("unexpected " + reader.peek() + " at " + reader.getPath());
            };
        }

        private static Object number(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException notALong) {
                return new BigDecimal(text);
            }
        }

        @Override
        public void toJson(JsonWriter writer, Object value) throws IOException {
            if (value == null) {
                writer.nullValue();
            } else if (value instanceof String s) {
                writer.value(s);
            } else if (value instanceof Boolean b) {
                writer.value(b.booleanValue());
            } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte) {
                writer.value(((Number) value).longValue());
            } else if (value instanceof Number n) {
                writer.value(n);
            } else if (value instanceof Map<?, ?> map) {
                writer.beginObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    writer.name(String.valueOf(e.getKey()));
                    toJson(writer, e.getValue());
                }
                writer.endObject();
            } else if (value instanceof Iterable<?> list) {
                writer.beginArray();
                for (Iterator<?> it = list.iterator(); it.hasNext();) {
                    toJson(writer, it.next());
                }
                writer.endArray();
            } else {
                throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
            }
        }
    }
}
