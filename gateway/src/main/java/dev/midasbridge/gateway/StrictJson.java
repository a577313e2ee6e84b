package dev.midasbridge.gateway;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * The gateway's JSON: a strict reader (one object, no duplicate keys, whole numbers as {@code Long}, other numbers
 * as {@code BigDecimal}, text as {@code String}, never a number turned into text) and a compact writer that keeps
 * key order and leaves non-ASCII text unescaped.
 */
final class StrictJson {
    private StrictJson() {}

    /** Thrown for a body that is not one JSON object, or has a duplicate key. The message holds no body bytes. */
    static final class MalformedJsonException extends Exception {
        MalformedJsonException(String message) {
            super(message);
        }
    }

    static Map<String, Object> readObject(byte[] body) throws MalformedJsonException {
        try (JsonReader in = JsonReader.of(new Buffer().write(body))) {
            in.setLenient(false);
            if (in.peek() != JsonReader.Token.BEGIN_OBJECT) {
                throw new MalformedJsonException("the body must be one JSON object");
            }
            Map<String, Object> m = readMap(in);
            if (in.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new MalformedJsonException("text after the JSON object");
            }
            return m;
        } catch (JsonDataException | IOException e) {
            throw new MalformedJsonException("the body is not valid JSON");
        }
    }

    static Map<String, Object> readObject(String body) throws MalformedJsonException {
        return readObject(body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> readMap(JsonReader in) throws IOException, MalformedJsonException {
        Map<String, Object> m = new LinkedHashMap<>();
        in.beginObject();
        while (in.hasNext()) {
            String name = in.nextName();
            Object value = readValue(in);
            if (m.containsKey(name)) {
                throw new MalformedJsonException("duplicate key \"" + name + "\"");
            }
            m.put(name, value);
        }
        in.endObject();
        return m;
    }

    private static Object readValue(JsonReader in) throws IOException, MalformedJsonException {
        switch (in.peek()) {
            case BEGIN_OBJECT:
                return readMap(in);
            case BEGIN_ARRAY: {
                List<Object> list = new ArrayList<>();
                in.beginArray();
                while (in.hasNext()) {
                    list.add(readValue(in));
                }
                in.endArray();
                return list;
            }
            case STRING:
                return in.nextString();
            case NUMBER: {
                BigDecimal d = new BigDecimal(in.nextString());
                try {
                    return d.longValueExact();
                } catch (ArithmeticException notWhole) {
                    return d;
                }
            }
            case BOOLEAN:
                return in.nextBoolean();
            case NULL:
                return in.nextNull();
            default:
                throw new MalformedJsonException("unexpected " + in.peek());
        }
    }

    /** Compact JSON of {@code value}: Map (key order kept), List, String, Number, Boolean or null. */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof Iterable<?> it) {
            sb.append('[');
            boolean first = true;
            for (Object o : it) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, o);
            }
            sb.append(']');
        } else if (value instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else {
            string(sb, value.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
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
