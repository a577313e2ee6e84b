package dev.midasbridge.conformance;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON as plain values, read and written by Moshi's own {@code Object} adapter: objects are ordered maps (key order
 * kept; a key given twice is rejected, because a vector with two values for one key is ambiguous), arrays
 * {@code List}s, strings, booleans and {@code null}; numbers are read exactly, {@code Long} when whole and in range,
 * else {@code BigDecimal} (never a lossy double). Errors name the JSON path where the document went wrong; Moshi's
 * own hints (such as its lenient-mode advice) never reach a user.
 */
final class JsonValues {
    /**
     * Moshi reads every JSON number of an {@code Object} tree through its {@code Double} adapter; this one keeps the
     * number exact instead (the tree is typed {@code Object}, so the value is never cast to Double).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final JsonAdapter EXACT_NUMBER = new JsonAdapter<Object>() {
        @Override
        public Object fromJson(JsonReader reader) throws IOException {
            String text = reader.nextString();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException notALong) {
                return new BigDecimal(text);
            }
        }

        @Override
        public void toJson(JsonWriter writer, Object value) throws IOException {
            writer.value((Number) value);
        }
    };

    @SuppressWarnings("unchecked")
    private static final Moshi MOSHI = new Moshi.Builder()
            .add(Double.class, (JsonAdapter<Double>) EXACT_NUMBER)
            .add(BigDecimal.class, (JsonAdapter<BigDecimal>) EXACT_NUMBER)
            .build();

    private static final JsonAdapter<Object> TREE = MOSHI.adapter(Object.class).serializeNulls();
    private static final Pattern DUPLICATE =
            Pattern.compile("Map key '(.*)' has multiple values at path (\\S+?):? .*", Pattern.DOTALL);
    private static final String LENIENT_HINT = "Use JsonReader.setLenient(true) to accept ";

    private JsonValues() {}

    /**
     * Parses one JSON document; anything else (including trailing text) is an {@link IOException} saying what is
     * wrong and where (the JSON path).
     */
    static Object parse(String text) throws IOException {
        okio.Buffer source = new okio.Buffer().writeUtf8(text);
        long[] pulled = {0};
        okio.BufferedSource buffered = okio.Okio.buffer(new okio.ForwardingSource(source) {
            @Override
            public long read(okio.Buffer sink, long byteCount) throws IOException {
                long n = super.read(sink, byteCount);
                if (n > 0) {
                    pulled[0] += n;
                }
                return n;
            }
        });
        JsonReader reader = JsonReader.of(buffered);
        try {
            Object value = TREE.fromJson(reader);
            if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new JsonDataException("JSON document was not fully consumed.");
            }
            return value;
        } catch (JsonEncodingException e) {
            throw new IOException(
                    withoutHint(e.getMessage())
                            + at(text, pulled[0] - buffered.getBuffer().size()),
                    e);
        } catch (JsonDataException e) {
            throw new IOException(
                    describe(e.getMessage())
                            + at(text, pulled[0] - buffered.getBuffer().size()),
                    e);
        } catch (java.io.EOFException e) {
            throw new IOException(
                    "the document ends too early (" + withoutHint(e.getMessage()) + ")"
                            + at(text, pulled[0] - buffered.getBuffer().size()),
                    e);
        }
    }

    /** {@code " at line L, column C"} (from 1) of the UTF-8 byte {@code offset} where reading stopped. */
    static String at(String text, long offset) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int end = (int) Math.max(0, Math.min(offset, bytes.length));
        String before = new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return " (line " + line + ", column " + (before.codePointCount(lineStart, before.length()) + 1) + ")";
    }

    private static String describe(String message) {
        Matcher m = DUPLICATE.matcher(message == null ? "" : message);
        if (m.matches()) {
            return "duplicate key \"" + m.group(1) + "\" at " + m.group(2);
        }
        if (message != null && message.startsWith("JSON document was not fully consumed")) {
            return "text follows the JSON document";
        }
        return withoutHint(message);
    }

    /** Moshi's message without its advice to the programmer ("Use JsonReader.setLenient(true) to accept ..."). */
    private static String withoutHint(String message) {
        if (message == null) {
            return "unreadable";
        }
        int at = message.indexOf(LENIENT_HINT);
        return at < 0 ? message : message.substring(0, at) + message.substring(at + LENIENT_HINT.length());
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
    record Difference(String path, String expected, String actual) {}
}
