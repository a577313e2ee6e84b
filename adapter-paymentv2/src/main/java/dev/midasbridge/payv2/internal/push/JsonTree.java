package dev.midasbridge.payv2.internal.push;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * A strict JSON reader on Moshi's {@link JsonReader}: objects become ordered maps (a repeated key is an error, so two
 * readers cannot see different values), numbers keep their exact text ({@link Num}), at most {@value #MAX_DEPTH}
 * levels deep, and nothing may follow the value.
 */
final class JsonTree {
    static final int MAX_DEPTH = 32;

    /** A JSON number, as written. */
    record Num(String text) {
        /** The number as a long, or null when it is not an integer that fits. */
        Long asLong() {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                try {
                    java.math.BigDecimal d = new java.math.BigDecimal(text);
                    return d.stripTrailingZeros().scale() <= 0 ? d.longValueExact() : null;
                } catch (NumberFormatException | ArithmeticException e2) {
                    return null;
                }
            }
        }
    }

    /** Why reading failed, and where ({@code $.MiniGame.Payload} style path). */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        final String path;

        Malformed(String message, String path) {
            super(message);
            this.path = path;
        }
    }

    private JsonTree() {}

    /** The value of {@code text}. */
    static Object parse(String text) throws Malformed {
        JsonReader r = JsonReader.of(new Buffer().writeUtf8(text));
        r.setLenient(false);
        try {
            Object v = read(r, 0);
            if (r.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new Malformed("more data after the JSON value", r.getPath());
            }
            return v;
        } catch (JsonEncodingException | JsonDataException e) {
            throw new Malformed(clean(e.getMessage()), r.getPath());
        } catch (IOException e) {
            throw new Malformed("unreadable: " + clean(e.getMessage()), r.getPath());
        }
    }

    private static Object read(JsonReader r, int depth) throws IOException, Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed("nested more than " + MAX_DEPTH + " levels", r.getPath());
        }
        switch (r.peek()) {
            case BEGIN_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                r.beginObject();
                while (r.hasNext()) {
                    String name = r.nextName();
                    Object v = read(r, depth + 1);
                    if (m.containsKey(name)) {
                        throw new Malformed("the key \"" + name + "\" appears twice", r.getPath());
                    }
                    m.put(name, v);
                }
                r.endObject();
                return m;
            }
            case BEGIN_ARRAY -> {
                List<Object> l = new ArrayList<>();
                r.beginArray();
                while (r.hasNext()) {
                    l.add(read(r, depth + 1));
                }
                r.endArray();
                return l;
            }
            case STRING -> {
                return r.nextString();
            }
            case NUMBER -> {
                return new Num(r.nextString());
            }
            case BOOLEAN -> {
                return r.nextBoolean();
            }
            case NULL -> {
                return r.nextNull();
            }
            default -> throw new Malformed("unexpected " + r.peek(), r.getPath());
        }
    }

    private static String clean(String message) {
        return message == null ? "malformed JSON" : message;
    }
}
