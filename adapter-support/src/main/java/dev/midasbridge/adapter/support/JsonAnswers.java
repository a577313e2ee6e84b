package dev.midasbridge.adapter.support;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import dev.midasbridge.core.ApiVersion;
import java.io.IOException;

/** Reads an answer body with Moshi; anything that is not the expected JSON is a {@code MALFORMED_RESPONSE}. */
public final class JsonAnswers {
    private JsonAnswers() {}

    /** The answer in {@code text}, or a MALFORMED_RESPONSE naming the endpoint and what was wrong. */
    public static <A> A read(ApiVersion version, String endpoint, JsonAdapter<A> adapter, String text) {
        try {
            return adapter.fromJson(text);
        } catch (JsonEncodingException e) {
            throw Exchange.malformed(version, endpoint, "it is not JSON", e);
        } catch (IOException
                | JsonDataException
                | IllegalStateException
                | ClassCastException
                | IllegalArgumentException e) {
            throw Exchange.malformed(
                    version,
                    endpoint,
                    "it is not the JSON object " + version.label() + " sends ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }
}
