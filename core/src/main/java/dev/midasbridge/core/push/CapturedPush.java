package dev.midasbridge.core.push;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One push as it arrived at the message-push URL: the query parameters ({@code signature}, {@code timestamp},
 * {@code nonce}, and in safe mode {@code encrypt_type=aes} and {@code msg_signature}; {@code echostr} for URL
 * verification), the raw body bytes and the request's Content-Type.
 */
public final class CapturedPush {
    private final Map<String, String> query;
    private final byte[] body;
    private final String contentType;

    private CapturedPush(Map<String, String> query, byte[] body, String contentType) {
        this.query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        this.body = body.clone();
        this.contentType = contentType == null || contentType.isBlank() ? null : contentType.strip();
    }

    /** From decoded query parameters (the first value of each name), the body and the Content-Type (may be null). */
    public static CapturedPush of(Map<String, String> query, byte[] body, String contentType) {
        Objects.requireNonNull(query, "query");
        return new CapturedPush(query, body == null ? new byte[0] : body, contentType);
    }

    /**
     * From a raw query string ({@code a=1&b=2}, an optional leading {@code ?}, percent-encoded as in a URL), the body
     * and the Content-Type (may be null). A repeated name keeps its first value.
     */
    public static CapturedPush parse(String rawQuery, byte[] body, String contentType) {
        return of(parseQuery(rawQuery), body, contentType);
    }

    /** The parameters of a raw query string, decoded; a repeated name keeps its first value. */
    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = rawQuery == null ? "" : rawQuery.strip();
        if (q.startsWith("?")) {
            q = q.substring(1);
        }
        for (String pair : q.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** All query parameters. */
    public Map<String, String> query() {
        return query;
    }

    /** One query parameter. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The body bytes (a copy). */
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The request's Content-Type, when it had one. */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** Whether the query says safe mode ({@code encrypt_type=aes}). */
    public boolean safeMode() {
        return "aes".equalsIgnoreCase(query.getOrDefault("encrypt_type", ""));
    }

    @Override
    public String toString() {
        return "CapturedPush[query=" + query.keySet() + ", body=" + body.length + " bytes, contentType=" + contentType
                + "]";
    }
}
