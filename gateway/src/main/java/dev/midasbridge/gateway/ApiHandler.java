package dev.midasbridge.gateway;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.midas.v1.MidasV1Format;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.ResponseBody;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API listener: midas 1.0 and pay_v2 payment paths answered by the gateway, {@code /sns/jscode2session}
 * forwarded with session capture, {@code /healthz}, {@code /readyz}, {@code /metrics}, and everything else forwarded
 * unchanged. Writes one access-log line per request: method, path (never the query: it carries secrets), status,
 * errcode, dialect, routed version, milliseconds; never a header, a body or a session key.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.midasbridge.gateway.access");
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String V1_PREFIX = "/cgi-bin/midas/";
    private static final String V1_SANDBOX_PREFIX = "/cgi-bin/midas/sandbox/";
    private static final String V2_PREFIX = "/wxa/game/";
    static final String JSCODE2SESSION = "/sns/jscode2session";

    private final PaymentService payments;
    private final SessionStore sessions;
    private final Upstream upstream;
    private final GatewayMetrics metrics;
    private final Journal journal;
    private final int maxBodyBytes;
    private final Duration bodyTimeout;

    ApiHandler(
            PaymentService payments,
            SessionStore sessions,
            Upstream upstream,
            GatewayMetrics metrics,
            Journal journal,
            int maxBodyBytes,
            Duration bodyTimeout) {
        super(InvocationType.BLOCKING);
        this.payments = payments;
        this.sessions = sessions;
        this.upstream = upstream;
        this.metrics = metrics;
        this.journal = journal;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long t0 = System.nanoTime();
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        if (path == null) {
            path = "/";
        }
        try {
            switch (path) {
                case "/healthz" -> {
                    Http.json(response, callback, 200, Map.of("status", "ok"), Optional.empty());
                    return true;
                }
                case "/readyz" -> {
                    readyz(response, callback);
                    return true;
                }
                case "/metrics" -> {
                    Http.text(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
                    return true;
                }
                default -> {}
            }
            if ("POST".equals(method)) {
                Optional<Endpoint> e = Endpoint.of(path);
                if (e.isPresent()) {
                    payment(e.get(), path, request, response, callback, t0);
                    return true;
                }
            }
            forward(method, path, request, response, callback, t0, path.equals(JSCODE2SESSION));
            return true;
        } catch (Http.TooLarge tooLarge) {
            tooLarge(method, path, response, callback, t0);
            return true;
        } catch (Http.TooSlow tooSlow) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Http.json(
                    response,
                    callback,
                    408,
                    Http.errcode(
                            Dialect.PARAMETER_ERROR,
                            "request body not received within " + bodyTimeout.toMillis() + " ms; nothing was applied"),
                    Optional.of("body slower than the gateway's body_timeout_ms (" + bodyTimeout.toMillis() + ")"));
            access(method, path, 408, String.valueOf(Dialect.PARAMETER_ERROR), "-", "-", t0);
            return true;
        } catch (Throwable t) {
            LOG.warn("{} {}: {}", method, path, t.toString());
            if (!response.isCommitted()) {
                Http.json(response, callback, 502, Http.errcode(-1, "system error"), Optional.empty());
            } else {
                callback.failed(t);
            }
            access(method, path, 502, "-1", "-", "-", t0);
            return true;
        }
    }

    /** A payment endpoint of either version. */
    record Endpoint(Dialect dialect, String name, boolean sandbox) {
        static Optional<Endpoint> of(String path) {
            if (path.startsWith(V1_SANDBOX_PREFIX)) {
                String ep = path.substring(V1_SANDBOX_PREFIX.length());
                return MidasV1Format.ENDPOINTS.contains(ep)
                        ? Optional.of(new Endpoint(Dialect.MIDAS_V1, ep, true))
                        : Optional.empty();
            }
            if (path.startsWith(V1_PREFIX)) {
                String ep = path.substring(V1_PREFIX.length());
                return MidasV1Format.ENDPOINTS.contains(ep)
                        ? Optional.of(new Endpoint(Dialect.MIDAS_V1, ep, false))
                        : Optional.empty();
            }
            if (path.startsWith(V2_PREFIX)) {
                String ep = path.substring(V2_PREFIX.length());
                return PayV2Requests.ENDPOINTS.contains(ep)
                        ? Optional.of(new Endpoint(Dialect.PAY_V2, ep, false))
                        : Optional.empty();
            }
            return Optional.empty();
        }
    }

    private void payment(Endpoint e, String path, Request request, Response response, Callback callback, long t0)
            throws Exception {
        Optional<String> repeated = Http.repeatedParameter(request.getHttpURI().getQuery());
        if (repeated.isPresent()) {
            // Which of two values a signature covers is exactly the ambiguity a payment must not have.
            String name =
                    Http.ascii(repeated.get().length() > 64 ? repeated.get().substring(0, 64) + "..." : repeated.get());
            Http.json(
                    response,
                    callback,
                    200,
                    Http.errcode(
                            Dialect.PARAMETER_ERROR,
                            "[" + name + "] " + name
                                    + " appears more than once in the query; send each parameter once"),
                    Optional.of("repeated query parameter " + name));
            access(
                    "POST",
                    path,
                    200,
                    String.valueOf(Dialect.PARAMETER_ERROR),
                    e.dialect().tag(),
                    "none",
                    t0);
            return;
        }
        byte[] body = Http.body(request, maxBodyBytes, bodyTimeout);
        Optional<String> sessionHeader = Http.header(request, PaymentService.SESSION_KEY_HEADER);
        // the query parsed once for the parameters this call needs
        org.eclipse.jetty.util.Fields query =
                Request.extractQueryParameters(request, java.nio.charset.StandardCharsets.UTF_8);
        Answer a = e.dialect() == Dialect.MIDAS_V1
                ? payments.midasV1(
                        path,
                        e.name(),
                        e.sandbox(),
                        Optional.ofNullable(query.getValue("access_token")),
                        body,
                        sessionHeader)
                : payments.payV2(
                        path,
                        e.name(),
                        Optional.ofNullable(query.getValue("pay_sig")),
                        Optional.ofNullable(query.getValue("signature")),
                        body,
                        sessionHeader);
        Http.json(response, callback, a.status(), a.body(), a.diagnosis());
        String routed = a.routedVersion()
                .map(v -> v == dev.midasbridge.core.ApiVersion.MIDAS_V1 ? "midas_v1" : "pay_v2")
                .orElse("none");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        metrics.request(e.dialect(), e.name(), routed, a.errcode(), took);
        access(
                "POST",
                path,
                a.status(),
                String.valueOf(a.errcode()),
                e.dialect().tag(),
                routed,
                t0);
    }

    private void tooLarge(String method, String path, Response response, Callback callback, long t0) {
        Http.json(
                response,
                callback,
                413,
                Http.errcode(Dialect.PARAMETER_ERROR, "request body too large: at most " + maxBodyBytes + " bytes"),
                Optional.of("body larger than the gateway's max_body_bytes (" + maxBodyBytes + ")"));
        access(method, path, 413, String.valueOf(Dialect.PARAMETER_ERROR), "-", "-", t0);
    }

    /**
     * Forwards the request unchanged and streams the answer back unchanged. For {@code /sns/jscode2session} the
     * answer is read whole, a successful {@code openid}/{@code session_key} stored, and the same bytes answered.
     */
    private void forward(
            String method, String path, Request request, Response response, Callback callback, long t0, boolean capture)
            throws Exception {
        byte[] body = Http.body(request, maxBodyBytes, bodyTimeout);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (HttpField f : request.getHeaders()) {
            headers.add(Map.entry(f.getName(), f.getValue()));
        }
        Optional<String> rawQuery = Optional.ofNullable(request.getHttpURI().getQuery());
        Optional<String> contentType = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        okhttp3.Response up;
        try {
            up = upstream.forward(method, path, rawQuery, headers, body, contentType);
        } catch (java.io.IOException e) {
            Http.json(
                    response,
                    callback,
                    502,
                    Http.errcode(-1, "system error: upstream unreachable"),
                    Optional.of("upstream unreachable: "
                            + e.getClass().getSimpleName().replace("Exception", "")));
            metrics.forwarded(
                    capture ? "jscode2session" : "passthrough", 502, Duration.ofNanos(System.nanoTime() - t0));
            access(method, path, 502, "-", "-", "upstream", t0);
            return;
        }
        try (up) {
            response.setStatus(up.code());
            for (kotlin.Pair<? extends String, ? extends String> h : up.headers()) {
                if (!Upstream.HOP_BY_HOP.contains(h.getFirst().toLowerCase(Locale.ROOT))) {
                    response.getHeaders().add(h.getFirst(), h.getSecond());
                }
            }
            ResponseBody rb = up.body();
            if (capture) {
                byte[] bytes = rb == null ? new byte[0] : rb.bytes();
                capture(bytes);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
                response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
            } else {
                long len = rb == null ? 0 : rb.contentLength();
                if (len >= 0) {
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, len);
                }
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    if (rb != null) {
                        try (InputStream in = rb.byteStream()) {
                            in.transferTo(out);
                        }
                    }
                }
                callback.succeeded();
            }
            metrics.forwarded(
                    capture ? "jscode2session" : "passthrough", up.code(), Duration.ofNanos(System.nanoTime() - t0));
            access(method, path, up.code(), "-", "-", "upstream", t0);
        }
    }

    /** Stores {@code openid -> session_key} from a successful jscode2session answer; anything else is ignored. */
    private void capture(byte[] answer) {
        Map<String, Object> m;
        try {
            m = StrictJson.readObject(answer);
        } catch (StrictJson.MalformedJsonException e) {
            return;
        }
        Object errcode = m.get("errcode");
        if (errcode != null && !Long.valueOf(0).equals(errcode)) {
            return;
        }
        if (m.get("openid") instanceof String openid
                && !openid.isEmpty()
                && m.get("session_key") instanceof String key
                && !key.isEmpty()) {
            try {
                sessions.put(openid, Secret.of(key), SessionStore.Source.JSCODE2SESSION);
            } catch (RuntimeException e) {
                LOG.warn("jscode2session: could not store the session key: {}", e.getMessage());
            }
        }
    }

    private void readyz(Response response, Callback callback) {
        boolean journalOk;
        try {
            journal.list(1);
            journalOk = true;
        } catch (RuntimeException e) {
            journalOk = false;
        }
        boolean upstreamOk = upstream.reachable();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("status", journalOk && upstreamOk ? "ready" : "not ready");
        m.put("journal", journalOk ? "ok" : "unreachable");
        m.put("upstream", upstreamOk ? "ok" : "unreachable");
        Http.json(response, callback, journalOk && upstreamOk ? 200 : 503, m, Optional.empty());
    }

    private static void access(
            String method, String path, int status, String errcode, String dialect, String routed, long t0) {
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info(
                    "{} {} {} errcode={} dialect={} routed={} {}ms",
                    method,
                    Http.ascii(path),
                    status,
                    errcode,
                    dialect,
                    routed,
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
