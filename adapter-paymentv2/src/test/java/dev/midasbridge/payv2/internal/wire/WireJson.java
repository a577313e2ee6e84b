package dev.midasbridge.payv2.internal.wire;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import okio.Buffer;

/** Test helper: reads a flat JSON object keeping key order and number text exactly (numbers as Long). */
final class WireJson {
    private WireJson() {}

    static LinkedHashMap<String, Object> readFlat(byte[] json) throws IOException {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        try (JsonReader r = JsonReader.of(new Buffer().write(json))) {
            r.beginObject();
            while (r.hasNext()) {
                String name = r.nextName();
                Object v = switch (r.peek()) {
                    case STRING -> r.nextString();
                    case NUMBER -> Long.parseLong(r.nextString());
                    default -> throw new IllegalStateException("unexpected " + r.peek() + " at " + name);
                };
                out.put(name, v);
            }
            r.endObject();
            if (r.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new IllegalStateException("trailing content");
            }
        }
        return out;
    }

    /** What a server using Moshi's Map adapter sees: numbers as Double. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readWithMoshi(byte[] json) throws IOException {
        return (Map<String, Object>) JsonReader.of(new Buffer().write(json)).readJsonValue();
    }
}
