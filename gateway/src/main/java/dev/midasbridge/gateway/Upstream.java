package dev.midasbridge.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The real API host (or a stand-in) behind the gateway, over OkHttp: requests forwarded unchanged (method, path,
 * query, body, content type), no redirects followed, no silent retries.
 */
final class Upstream {
    /** Headers that describe one hop, never forwarded either way. */
    static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length");

    private final HttpUrl base;
    private final OkHttpClient client;

    Upstream(String baseUrl, Duration timeout, int maxIdle) {
        HttpUrl parsed = HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("upstream base URL \"" + baseUrl + "\" is not an http(s) URL");
        }
        this.base = parsed;
        this.client = new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(5))
                .callTimeout(timeout)
                .readTimeout(timeout)
                .connectionPool(new ConnectionPool(maxIdle, 5, java.util.concurrent.TimeUnit.MINUTES))
                .build();
    }

    /** The URL a request to {@code pathAndQuery} on the gateway is forwarded to. */
    HttpUrl target(String path, Optional<String> rawQuery) {
        String basePath = base.encodedPath().endsWith("/")
                ? base.encodedPath().substring(0, base.encodedPath().length() - 1)
                : base.encodedPath();
        HttpUrl.Builder b = base.newBuilder().encodedPath(basePath + path);
        b.encodedQuery(rawQuery.filter(q -> !q.isEmpty()).orElse(null));
        return b.build();
    }

    /**
     * Sends the request upstream; the caller closes the response. {@code headers} are the client's, hop-by-hop
     * ones dropped here.
     */
    Response forward(
            String method,
            String path,
            Optional<String> rawQuery,
            List<Map.Entry<String, String>> headers,
            byte[] body,
            Optional<String> contentType)
            throws IOException {
        Headers.Builder h = new Headers.Builder();
        for (Map.Entry<String, String> e : headers) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !name.equalsIgnoreCase(PaymentService.SESSION_KEY_HEADER)) {
                h.addUnsafeNonAscii(e.getKey(), e.getValue());
            }
        }
        RequestBody rb = null;
        boolean needsBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        boolean mayHaveBody = needsBody || method.equals("DELETE") || method.equals("OPTIONS");
        if (mayHaveBody && (body.length > 0 || needsBody)) {
            rb = RequestBody.create(body, contentType.map(MediaType::parse).orElse(null));
        }
        Request request = new Request.Builder()
                .url(target(path, rawQuery))
                .headers(h.build())
                .method(method, rb)
                .build();
        return client.newCall(request).execute();
    }

    /** Whether upstream answers at all (any HTTP status) within a short time: for /readyz. */
    @SuppressWarnings("try") // the answer is opened only to see that one comes, then closed
    boolean reachable() {
        Request r = new Request.Builder().url(base).head().build();
        try (Response ignored = client.newBuilder()
                .callTimeout(Duration.ofSeconds(2))
                .build()
                .newCall(r)
                .execute()) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void copy(InputStream in, java.io.OutputStream out) throws IOException {
        in.transferTo(out);
    }

    void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
