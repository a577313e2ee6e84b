package dev.midasbridge.simulator;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-in's one Jetty handler. In order, before any body byte is kept: the route, the method, the query (each
 * parameter at most once), the access token, the declared length against the body cap. Then the body is read without
 * holding a thread (on demand), never more than the cap, within the body timeout; only then is it parsed and
 * handled by {@link Api} (or {@link AdminHttp}).
 */
final class Gateway extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    /** A refusal of the request itself (before the API looks at it): HTTP status and errcode answer. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final int errcode;

        Refused(int status, int errcode, String errmsg) {
            super(errmsg, null, false, false);
            this.status = status;
            this.errcode = errcode;
        }
    }

    private final Api api;
    private final Login login;
    private final Faults faults;
    private final AdminHttp adminHttp;
    private final ClientCheck clientCheck;
    private final boolean adminEnabled;
    private final StandInServer.Limits limits;
    private final Scheduler timer;
    private final ConnectionGuard guard;
    private final CountDownLatch closed;
    private final java.util.concurrent.Executor blocking;

    Gateway(
            Api api,
            Login login,
            Faults faults,
            AdminHttp adminHttp,
            ClientCheck clientCheck,
            boolean adminEnabled,
            StandInServer.Limits limits,
            Scheduler timer,
            ConnectionGuard guard,
            CountDownLatch closed,
            java.util.concurrent.Executor blocking) {
        // Nothing here blocks (bodies are read on demand, the bank is in memory) but an injected delay, which waits
        // on `blocking`: so Jetty may run a request in the thread that read it, without handing it to another thread.
        super(InvocationType.NON_BLOCKING);
        this.api = api;
        this.login = login;
        this.faults = faults;
        this.adminHttp = adminHttp;
        this.clientCheck = clientCheck;
        this.adminEnabled = adminEnabled;
        this.limits = limits;
        this.timer = timer;
        this.guard = guard;
        this.closed = closed;
        this.blocking = blocking;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Connection connection = request.getConnectionMetaData().getConnection();
        guard.requestStarted(connection);
        Callback done = Callback.from(callback, () -> guard.requestEnded(connection));
        try {
            route(request, response, done);
        } catch (Refused r) {
            send(response, done, r.status, Api.error(r.errcode, r.getMessage()));
        } catch (RuntimeException e) {
            LOG.error(
                    "stand-in server failed on {}",
                    Text.clip(request.getHttpURI().getPath()),
                    e);
            send(response, done, 200, Api.error(-1, "system error in the stand-in server"));
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback) throws Refused {
        String path = request.getHttpURI().getPath();
        if (path == null) {
            path = "";
        }
        String method = request.getMethod();
        if (path.equals("/__admin") || path.startsWith("/__admin/")) {
            if (!adminEnabled) {
                throw new Refused(404, 40066, "invalid url " + Text.clip(path));
            }
            String sub = path.substring("/__admin".length());
            Map<String, String> query = query(request.getHttpURI().getQuery());
            checkLength(request);
            readBody(request, response, callback, body -> {
                AdminHttp.Reply reply = adminHttp.handle(method, sub, query, body);
                send(response, callback, reply.status(), "application/json; charset=utf-8", reply.json());
            });
            return;
        }
        if (path.startsWith("/__client/") && adminEnabled) {
            if (!method.equals("POST")) {
                send(response, callback, 405, Api.error(43002, "require POST method"));
                return;
            }
            query(request.getHttpURI().getQuery());
            checkLength(request);
            String api = path.substring("/__client/".length());
            readBody(request, response, callback, body -> {
                ClientCheck.Reply reply = clientCheck.handle(api, body);
                send(response, callback, reply.status(), "application/json; charset=utf-8", reply.json());
            });
            return;
        }
        if (path.equals(Login.JSCODE2SESSION)) {
            if (!method.equals("GET")) {
                send(response, callback, 200, Api.error(43001, "require GET method"));
                return;
            }
            send(
                    response,
                    callback,
                    200,
                    login.jscode2session(query(request.getHttpURI().getQuery())));
            return;
        }
        if (path.equals(Login.STABLE_TOKEN)) {
            if (!method.equals("POST")) {
                send(response, callback, 200, Api.error(43002, "require POST method"));
                return;
            }
            query(request.getHttpURI().getQuery());
            checkLength(request);
            readBody(request, response, callback, body -> send(response, callback, 200, login.stableToken(body)));
            return;
        }
        Api.Route route = Api.Route.of(path);
        if (route == null) {
            throw new Refused(404, 40066, "invalid url " + Text.clip(path));
        }
        if (!method.equals("POST")) {
            send(response, callback, 200, Api.error(43002, "require POST method"));
            return;
        }
        Map<String, String> query = query(request.getHttpURI().getQuery());
        Api.Answer early = api.checkToken(route, query);
        if (early != null) {
            send(response, callback, 200, early.json());
            return;
        }
        checkLength(request);
        readBody(request, response, callback, body -> {
            Api.Step step = api.handle(route, query, body);
            if (step instanceof Api.Answer a) {
                send(response, callback, 200, a.json());
            } else {
                serve(request, response, callback, route, (Api.Ready) step);
            }
        });
    }

    private void checkLength(Request request) throws Refused {
        long declared = request.getLength();
        if (declared > limits.maxBodyBytes()) {
            throw tooLarge("Content-Length " + declared);
        }
    }

    private Refused tooLarge(String what) {
        return new Refused(
                413,
                47001,
                "data format error: the body is over the " + limits.maxBodyBytes() + "-byte limit (" + what
                        + "); nothing was applied");
    }

    /** What to do with a body read whole (and under the cap). */
    private interface BodyHandler {
        void accept(byte[] body) throws Refused;
    }

    /**
     * Reads the body on demand (no thread waits for a slow client), keeping at most the cap; refuses with 413 as soon
     * as the cap is passed and with 408 when the body timeout passes first.
     */
    private void readBody(Request request, Response response, Callback callback, BodyHandler then) {
        AtomicBoolean finished = new AtomicBoolean();
        Runnable onTimeout = () -> {
            if (finished.compareAndSet(false, true)) {
                LOG.info(
                        "body not received within {} ms from {}",
                        limits.bodyTimeout().toMillis(),
                        Request.getRemoteAddr(request));
                request.fail(new java.util.concurrent.TimeoutException("body timeout"));
                send(
                        response,
                        callback,
                        408,
                        Api.error(
                                47001,
                                "data format error: the body did not arrive within "
                                        + limits.bodyTimeout().toMillis() + " ms; nothing was applied"));
            }
        };
        Runnable reader = new Runnable() {
            private byte[] buffer = new byte[(int) Math.min(Math.max(request.getLength(), 256), limits.maxBodyBytes())];
            private int size;
            /**
             * The body timeout, started the first time the reader has to wait for bytes: a body that came with its
             * headers (the usual case) is read at once, and costs no timer.
             */
            private volatile Scheduler.Task timeout;

            private void cancelTimeout() {
                Scheduler.Task t = timeout;
                if (t != null) {
                    t.cancel();
                }
            }

            @Override
            public void run() {
                while (!finished.get()) {
                    Content.Chunk chunk = request.read();
                    if (chunk == null) {
                        if (timeout == null) {
                            timeout = timer.schedule(
                                    onTimeout, limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
                        }
                        request.demand(this);
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        if (finished.compareAndSet(false, true)) {
                            cancelTimeout();
                            LOG.debug("reading a body failed: {}", String.valueOf(chunk.getFailure()));
                            send(
                                    response,
                                    callback,
                                    400,
                                    Api.error(47001, "data format error: the body could not be read"));
                        }
                        return;
                    }
                    ByteBuffer bytes = chunk.getByteBuffer();
                    int n = bytes.remaining();
                    if ((long) size + n > limits.maxBodyBytes()) {
                        chunk.release();
                        if (finished.compareAndSet(false, true)) {
                            cancelTimeout();
                            Refused r = tooLarge("more than " + limits.maxBodyBytes() + " bytes sent");
                            send(response, callback, r.status, Api.error(r.errcode, r.getMessage()));
                        }
                        return;
                    }
                    if (size + n > buffer.length) {
                        buffer = Arrays.copyOf(
                                buffer, Math.min(limits.maxBodyBytes(), Math.max(size + n, buffer.length * 2)));
                    }
                    bytes.get(buffer, size, n);
                    size += n;
                    boolean last = chunk.isLast();
                    chunk.release();
                    if (last) {
                        if (!finished.compareAndSet(false, true)) {
                            return;
                        }
                        cancelTimeout();
                        byte[] body = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
                        buffer = null;
                        try {
                            then.accept(body);
                        } catch (Refused r) {
                            send(response, callback, r.status, Api.error(r.errcode, r.getMessage()));
                        } catch (RuntimeException e) {
                            LOG.error(
                                    "stand-in server failed on {}",
                                    Text.clip(request.getHttpURI().getPath()),
                                    e);
                            send(response, callback, 200, Api.error(-1, "system error in the stand-in server"));
                        }
                        return;
                    }
                }
            }
        };
        reader.run();
    }

    private void serve(Request request, Response response, Callback callback, Api.Route route, Api.Ready ready) {
        Optional<Fault> latency =
                faults.take(EnumSet.of(FaultKind.LATENCY), ready.endpoint(), ready.openid(), ready.billNos());
        if (latency.isPresent()) {
            // An injected delay waits on a thread of the pool, never on the one that reads connections.
            blocking.execute(() -> {
                if (pause(latency.get().delay().toMillis())) {
                    drop(request, callback);
                    return;
                }
                try {
                    serveNow(request, response, callback, route, ready);
                } catch (RuntimeException e) {
                    LOG.error("stand-in server failed on {}", Text.clip(route.path()), e);
                    send(response, callback, 200, Api.error(-1, "system error in the stand-in server"));
                }
            });
            return;
        }
        serveNow(request, response, callback, route, ready);
    }

    private void serveNow(Request request, Response response, Callback callback, Api.Route route, Api.Ready ready) {
        Optional<Fault> before = faults.take(Faults.BEFORE_APPLY, ready.endpoint(), ready.openid(), ready.billNos());
        if (before.isPresent()) {
            FaultKind kind = before.get().kind();
            LOG.info(
                    "fault {} on {} {} for {}", kind.wireName(), route.version().label(), route.path(), ready.openid());
            switch (kind) {
                case BUSY -> send(response, callback, 200, Api.error(-1, "system busy (injected fault)"));
                case ERRCODE ->
                    send(
                            response,
                            callback,
                            200,
                            Api.error(
                                    before.get().errcode(),
                                    "errcode " + before.get().errcode() + " (injected fault)"));
                case HTTP_502 ->
                    send(
                            response,
                            callback,
                            502,
                            "text/html",
                            "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>");
                case NOT_JSON ->
                    send(response, callback, 200, "text/html", "<html><body>system error, please retry</body></html>");
                case DROP_BEFORE_APPLY -> drop(request, callback);
                default -> throw new IllegalStateException(kind.name());
            }
            return;
        }
        Map<String, Object> result = ready.apply().get();
        Optional<Fault> after = faults.take(Faults.AFTER_APPLY, ready.endpoint(), ready.openid(), ready.billNos());
        if (after.isPresent()) {
            FaultKind kind = after.get().kind();
            LOG.info(
                    "fault {} on {} {} for {} (errcode {} applied)",
                    kind.wireName(),
                    route.version().label(),
                    route.path(),
                    ready.openid(),
                    result.get("errcode"));
            if (kind == FaultKind.DROP_AFTER_APPLY) {
                drop(request, callback);
                return;
            }
            blocking.execute(() -> {
                if (pause(after.get().delay().toMillis())) {
                    drop(request, callback);
                } else {
                    send(response, callback, 200, result);
                }
            });
            return;
        }
        send(response, callback, 200, result);
    }

    /** Waits {@code millis}; true when the server closed meanwhile (then the call is dropped, as before). */
    private boolean pause(long millis) {
        try {
            return closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Closes the connection without an answer (a dropped call). The callback completes normally: failing it would
     * make Jetty try to write a 500 and log a warning for every injected drop.
     */
    private static void drop(Request request, Callback callback) {
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        callback.succeeded();
    }

    /**
     * The query string as name to value, each decoded; refuses a parameter given twice (naming it): which one the
     * server would use is exactly the ambiguity a signature must not have.
     */
    static Map<String, String> query(String raw) throws Refused {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = decode(eq < 0 ? "" : pair.substring(eq + 1));
            if (out.putIfAbsent(k, v) != null) {
                throw new Refused(
                        200,
                        90018,
                        "[" + Text.clip(k) + "] " + Text.clip(k)
                                + " appears more than once in the query; send each parameter once");
            }
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

    static void send(Response response, Callback callback, int status, Map<String, Object> json) {
        send(response, callback, status, "application/json; charset=utf-8", JsonTree.write(json));
    }

    static void send(Response response, Callback callback, int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        if (status == 413) {
            // the rest of the body is never read: say the connection ends, so no client sends its next call on it
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
