package dev.midasbridge.simulator;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okio.Buffer;

/**
 * A JSON tree that keeps what a signature needs: key order as received and numbers as their raw text.
 * Objects are {@code LinkedHashMap<String,Object>}, arrays {@code List<Object>}, strings {@code String},
 * numbers {@link Num}, booleans {@code Boolean}, null {@link #NULL}. Parsing uses Moshi's streaming reader.
 */
final class Json {
    /** The JSON literal null (maps may not hold Java null here, to keep "absent" and "null" apart). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON number as it was written. */
    record Num(String text) {
        /** Whether the text is a plain integer (no fraction, no exponent). */
        boolean isInteger() {
            return text.matches("-?(0|[1-9][0-9]*)");
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
    }

    /** How a re-serializer writes a tree; used to recognise bodies that were re-serialized after signing. */
    record Style(boolean sortKeys, String comma, String colon, boolean asciiOnly, boolean escapeSlash) {
        static final Style COMPACT = new Style(false, ",", ":", false, false);

        String describe() {
            List<String> parts = new ArrayList<>();
            parts.add(sortKeys ? "keys sorted" : "keys in the same order");
            parts.add(comma.equals(",") && colon.equals(":") ? "no spaces" : "separators \"" + comma + "\" and \"" + colon + "\"");
            if (asciiOnly) {
                parts.add("non-ASCII escaped as \\uXXXX");
            }
            if (escapeSlash) {
                parts.add("'/' escaped as \\/");
            }
            return String.join(", ", parts);
        }
    }

    private Json() {
    }

    /** Parses one JSON document; throws {@link IllegalArgumentException} with a reason when it is not JSON. */
    static Object parse(String text) {
        JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
        try {
            Object value = read(reader);
            if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new IllegalArgumentException("unexpected data after the JSON value at " + reader.getPath());
            }
            return value;
        } catch (JsonEncodingException | JsonDataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable JSON: " + e.getMessage(), e);
        }
    }

    /** Parses a document that must be an object. */
    @SuppressWarnings("unchecked")
    static LinkedHashMap<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof LinkedHashMap)) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        return (LinkedHashMap<String, Object>) value;
    }

    private static Object read(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                LinkedHashMap<String, Object> map = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
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
            default -> throw new IllegalArgumentException("unexpected " + reader.peek() + " at " + reader.getPath());
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

    /** Writes {@code value} compactly. Longs and ints become numbers. */
    static String write(Object value) {
        return write(value, Style.COMPACT);
    }

    /** Writes {@code value} in {@code style}. */
    static String write(Object value, Style style) {
        StringBuilder sb = new StringBuilder(128);
        write(sb, value, style);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, Style style) {
        if (value == null || value == NULL) {
            sb.append("null");
        } else if (value instanceof String s) {
            string(sb, s, style);
        } else if (value instanceof Num n) {
            sb.append(n.text());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> map) {
            Map<?, ?> entries = map;
            if (style.sortKeys()) {
                TreeMap<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> sorted.put((String) k, v));
                entries = sorted;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                if (!first) {
                    sb.append(style.comma());
                }
                first = false;
                string(sb, (String) e.getKey(), style);
                sb.append(style.colon());
                write(sb, e.getValue(), style);
            }
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(style.comma());
                }
                write(sb, list.get(i), style);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void string(StringBuilder sb, String s, Style style) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '/' -> sb.append(style.escapeSlash() ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || (style.asciiOnly() && c > 0x7e)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
