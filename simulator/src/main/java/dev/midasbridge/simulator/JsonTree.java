package dev.midasbridge.simulator;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okio.Buffer;

/**
 * A JSON tree that keeps what a signature needs: key order as received and numbers as their raw text. Objects are
 * {@code LinkedHashMap<String,Object>}, arrays {@code List<Object>}, strings {@code String}, numbers {@link Num},
 * booleans {@code Boolean}, null {@link #NULL}. Reading and writing (escaping included) are Moshi's streaming
 * {@link JsonReader} and {@link JsonWriter}; this class only builds the tree and refuses what Moshi lets through:
 * bytes that are not UTF-8, and a key repeated in one object.
 */
final class JsonTree {
    /** The JSON literal null (maps may not hold Java null here, to keep "absent" and "null" apart). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Not JSON, or JSON the stand-in refuses; the message says why (and names a repeated key). */
    static class Malformed extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null);
        }
    }

    /** A key that appears twice in one object: {@link #key()} is its name, {@link #path()} where it is. */
    static final class DuplicateKey extends Malformed {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final String path;

        DuplicateKey(String key, String path) {
            super("key \"" + Text.clip(key) + "\" appears more than once in the same object (at " + Text.clip(path)
                    + ")");
            this.key = key;
            this.path = path;
        }

        String key() {
            return key;
        }

        String path() {
            return path;
        }
    }

    /**
     * A JSON number as it was written. A {@link Number} so that Moshi's writer writes its text unchanged
     * ({@link #toString()}); amounts are read from it with {@link #asLong()}, never through a double.
     */
    static final class Num extends Number {
        private static final long serialVersionUID = 1L;
        private final String text;

        Num(String text) {
            this.text = java.util.Objects.requireNonNull(text, "text");
        }

        String text() {
            return text;
        }

        /** Whether the text is a plain integer (no fraction, no exponent). */
        boolean isInteger() {
            int i = text.startsWith("-") ? 1 : 0;
            if (i >= text.length() || (text.charAt(i) == '0' && text.length() > i + 1)) {
                return false;
            }
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }

        /** The value as a long, or null when it is not an integer that fits. */
        Long asLong() {
            if (!isInteger()) {
                return null;
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public int intValue() {
            return (int) longValue();
        }

        @Override
        public long longValue() {
            Long v = asLong();
            if (v == null) {
                throw new ArithmeticException("not a whole number that fits a long: " + Text.clip(text));
            }
            return v;
        }

        @Override
        public float floatValue() {
            throw new UnsupportedOperationException("the stand-in never reads a JSON number as a float");
        }

        @Override
        public double doubleValue() {
            throw new UnsupportedOperationException("the stand-in never reads a JSON number as a double");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Num n && n.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** How a re-serializer writes a tree; used to recognise bodies that were re-serialized after signing. */
    record Style(boolean sortKeys, String comma, String colon, boolean asciiOnly, boolean escapeSlash) {
        static final Style COMPACT = new Style(false, ",", ":", false, false);

        String describe() {
            List<String> parts = new ArrayList<>();
            parts.add(sortKeys ? "keys sorted" : "keys in the same order");
            parts.add(
                    comma.equals(",") && colon.equals(":")
                            ? "no spaces"
                            : "separators \"" + comma + "\" and \"" + colon + "\"");
            if (asciiOnly) {
                parts.add("non-ASCII escaped as \\uXXXX");
            }
            if (escapeSlash) {
                parts.add("'/' escaped as \\/");
            }
            return String.join(", ", parts);
        }
    }

    private JsonTree() {}

    /** Parses one JSON document from UTF-8 bytes; throws {@link Malformed} with a reason when it is not JSON. */
    static Object parse(byte[] utf8) {
        requireUtf8(utf8);
        return read(new Buffer().write(utf8));
    }

    /** Parses one JSON document; throws {@link Malformed} with a reason when it is not JSON. */
    static Object parse(String text) {
        return read(new Buffer().writeUtf8(text));
    }

    /** Parses a document that must be an object. */
    @SuppressWarnings("unchecked")
    static LinkedHashMap<String, Object> parseObject(byte[] utf8) {
        Object value = parse(utf8);
        if (!(value instanceof LinkedHashMap)) {
            throw new Malformed("the body must be a JSON object, found " + typeName(value));
        }
        return (LinkedHashMap<String, Object>) value;
    }

    private static void requireUtf8(byte[] bytes) {
        if (ascii(bytes)) {
            return; // ASCII is UTF-8: no decoder needed for the usual body
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new Malformed("the body is not UTF-8");
        }
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static Object read(Buffer source) {
        JsonReader reader = JsonReader.of(source);
        try {
            Object value = read(reader);
            if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new Malformed("unexpected data after the JSON value at " + reader.getPath());
            }
            return value;
        } catch (JsonEncodingException | JsonDataException e) {
            // Moshi's advice to programmers ("Use JsonReader.setLenient(true) to accept ...") is no answer for a client
            throw new Malformed(Text.clip(
                    String.valueOf(e.getMessage()).replace("Use JsonReader.setLenient(true) to accept ", "")));
        } catch (java.io.EOFException e) {
            throw new Malformed("the JSON ends too early (truncated)");
        } catch (IOException e) {
            throw new Malformed("unreadable JSON");
        }
    }

    private static Object read(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                LinkedHashMap<String, Object> map = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (map.containsKey(name)) {
                        throw new DuplicateKey(name, reader.getPath());
                    }
                    map.put(name, read(reader));
                }
                reader.endObject();
                return map;
            }
            case BEGIN_ARRAY -> {
                List<Object> list = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    list.add(read(reader));
                }
                reader.endArray();
                return list;
            }
            case STRING -> {
                return reader.nextString();
            }
            case NUMBER -> {
                return new Num(reader.nextString());
            }
            case BOOLEAN -> {
                return reader.nextBoolean();
            }
            case NULL -> {
                reader.nextNull();
                return NULL;
            }
            default -> throw new Malformed("unexpected " + reader.peek() + " at " + reader.getPath());
        }
    }

    /** The JSON type name of a tree value, in the words WeChat uses in its errmsgs. */
    static String typeName(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Num n) {
            return n.isInteger() ? (n.text().startsWith("-") ? "int64" : "uint32") : "double";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof List) {
            return "array";
        }
        return "null";
    }

    /** Writes {@code value} compactly with Moshi's writer. Longs and ints become numbers. */
    static String write(Object value) {
        Buffer out = new Buffer();
        try (JsonWriter w = JsonWriter.of(out)) {
            w.setSerializeNulls(true);
            writeValue(w, value, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.readUtf8();
    }

    private static void writeValue(JsonWriter w, Object value, boolean sortKeys) throws IOException {
        if (value == null || value == NULL) {
            w.nullValue();
        } else if (value instanceof String s) {
            w.value(s);
        } else if (value instanceof Num n) {
            w.value(n);
        } else if (value instanceof Long || value instanceof Integer) {
            w.value(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            w.value(b.booleanValue());
        } else if (value instanceof Map<?, ?> map) {
            w.beginObject();
            for (Map.Entry<?, ?> e : entries(map, sortKeys)) {
                w.name((String) e.getKey());
                writeValue(w, e.getValue(), sortKeys);
            }
            w.endObject();
        } else if (value instanceof List<?> list) {
            w.beginArray();
            for (Object item : list) {
                writeValue(w, item, sortKeys);
            }
            w.endArray();
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getSimpleName());
        }
    }

    private static Iterable<? extends Map.Entry<?, ?>> entries(Map<?, ?> map, boolean sort) {
        if (!sort) {
            return map.entrySet();
        }
        TreeMap<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put((String) k, v));
        return sorted.entrySet();
    }

    /**
     * Writes {@code value} the way a re-serializer in {@code style} would. Each string and number is written by
     * Moshi's writer (so the escaping is Moshi's); the separators of the style go between them, and the two escapes
     * Moshi does not make ({@code \\uXXXX} for non-ASCII, {@code \/}) are applied to Moshi's output. Linear in the
     * size of the tree.
     */
    static byte[] write(Object value, Style style) {
        Buffer out = new Buffer();
        try {
            styled(out, value, style);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.readByteArray();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void styled(Buffer out, Object value, Style style) throws IOException {
        if (value instanceof Map<?, ?> map) {
            out.writeByte('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : entries(map, style.sortKeys())) {
                if (!first) {
                    out.writeUtf8(style.comma());
                }
                first = false;
                scalar(out, e.getKey(), style);
                out.writeUtf8(style.colon());
                styled(out, e.getValue(), style);
            }
            out.writeByte('}');
        } else if (value instanceof List<?> list) {
            out.writeByte('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.writeUtf8(style.comma());
                }
                styled(out, list.get(i), style);
            }
            out.writeByte(']');
        } else {
            scalar(out, value, style);
        }
    }

    private static void scalar(Buffer out, Object value, Style style) throws IOException {
        Buffer one = new Buffer();
        try (JsonWriter w = JsonWriter.of(one)) {
            w.setSerializeNulls(true);
            writeValue(w, value, false);
        }
        if (!(value instanceof String) || (!style.asciiOnly() && !style.escapeSlash())) {
            out.writeAll(one);
            return;
        }
        String literal = one.readUtf8();
        if (!style.asciiOnly()) {
            out.writeUtf8(literal.replace("/", "\\/"));
            return;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '/' && style.escapeSlash()) {
                out.writeByte('\\').writeByte('/');
            } else if (c > 0x7e) {
                out.writeByte('\\')
                        .writeByte('u')
                        .writeByte(HEX[(c >> 12) & 15])
                        .writeByte(HEX[(c >> 8) & 15])
                        .writeByte(HEX[(c >> 4) & 15])
                        .writeByte(HEX[c & 15]);
            } else {
                out.writeByte(c);
            }
        }
    }
}
