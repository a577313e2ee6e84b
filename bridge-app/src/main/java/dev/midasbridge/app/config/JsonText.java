package dev.midasbridge.app.config;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * JSON text read into plain values by Moshi's own {@code Object} adapter, for files a person writes (the config file,
 * a request body, a sessions file): numbers stay as written ({@link JsonNumber}, so an error shows {@code 1450000001},
 * never {@code 1.450000001E9}), and a syntax error names its line and column, without Moshi's advice to programmers
 * ({@code Use JsonReader.setLenient(true)...}).
 */
public final class JsonText {
    private static final String LENIENT_HINT = "Use JsonReader.setLenient(true) to accept ";

    /** A JSON number exactly as the text wrote it. */
    public record JsonNumber(String text) {
        /** The number, exactly. */
        public BigDecimal value() {
            return new BigDecimal(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final JsonAdapter AS_WRITTEN = new JsonAdapter<Object>() {
        @Override
        public Object fromJson(JsonReader reader) throws IOException {
            return new JsonNumber(reader.nextString());
        }

        @Override
        public void toJson(JsonWriter writer, Object value) throws IOException {
            writer.jsonValue(value);
        }
    };

    @SuppressWarnings("unchecked")
    private static final JsonAdapter<Object> TREE = new Moshi.Builder()
            .add(Double.class, (JsonAdapter<Double>) AS_WRITTEN)
            .build()
            .adapter(Object.class);

    /** A JSON syntax error: the message says what and where (line and column, from 1). */
    public static final class SyntaxException extends IOException {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private JsonText() {}

    /**
     * Parses {@code text} as exactly one JSON value (maps keep key order; numbers are {@link JsonNumber}s).
     *
     * @throws SyntaxException naming line and column of the first thing that is not JSON
     */
    public static Object parse(String text) throws SyntaxException {
        Buffer source = new Buffer().writeUtf8(text);
        long[] pulled = {0};
        BufferedSource buffered = Okio.buffer(new ForwardingSource(source) {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
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
                throw new SyntaxException(
                        "text follows the JSON value at "
                                + where(text, pulled[0] - buffered.getBuffer().size()),
                        null);
            }
            return value;
        } catch (SyntaxException e) {
            throw e;
        } catch (IOException | JsonDataException e) {
            long offset = pulled[0] - buffered.getBuffer().size();
            String what = withoutHint(e.getMessage());
            if (e instanceof java.io.EOFException) {
                what = "the text ends too early";
            }
            throw new SyntaxException(what + " (" + where(text, offset) + ")", e);
        }
    }

    /** {@code line L, column C} (from 1) of the UTF-8 byte {@code offset} in {@code text}. */
    public static String where(String text, long offset) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int end = (int) Math.max(0, Math.min(offset, bytes.length));
        String before = new String(bytes, 0, end, StandardCharsets.UTF_8);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = before.codePointCount(lineStart, before.length()) + 1;
        return "line " + line + ", column " + column;
    }

    /** Moshi's message without its advice to programmers ({@code Use JsonReader.setLenient(true)...}). */
    public static String withoutHint(String message) {
        if (message == null) {
            return "not valid JSON";
        }
        int at = message.indexOf(LENIENT_HINT);
        String m = at < 0 ? message : message.substring(0, at) + message.substring(at + LENIENT_HINT.length());
        return m.strip();
    }
}
