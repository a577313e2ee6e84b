package dev.midasbridge.cli;

import com.squareup.moshi.Moshi;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints JSON for {@code --json}: one object per line, keys in the order given. */
final class JsonOut {
    private static final com.squareup.moshi.JsonAdapter<Object> ADAPTER =
            new Moshi.Builder().build().adapter(Object.class);

    private JsonOut() {}

    static String of(Map<String, ?> fields) {
        return ADAPTER.toJson(new LinkedHashMap<>(fields));
    }

    static String list(java.util.List<String> values) {
        return ADAPTER.toJson(values);
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
