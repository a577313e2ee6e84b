package dev.midasbridge.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** Small helpers over Jetty's core request/response API. */
final class Http {
    static final String JSON = "application/json; charset=utf-8";
    static final String DIAGNOSIS_HEADER = "X-Bridge-Diagnosis";

    private Http() {}

    /** The body was larger than the cap: decided from Content-Length before reading, or while reading. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** The body did not arrive whole within the body timeout. */
    static final class TooSlow extends Exception {
        TooSlow() {
            super(null, null, false, false);
        }
    }

    /** Reads the whole body, refusing (without reading on) one larger than {@code cap} bytes. */
    static byte[] body(Request request, int cap) throws IOException, TooLarge {
        long declared = request.getLength();
        if (declared > cap) {
            throw new TooLarge();
        }
        try {
            return read(request, cap, declared, Long.MAX_VALUE);
        } catch (TooSlow impossible) {
            throw new IllegalStateException("no deadline, no timeout");
        }
    }

    /**
     * As {@link #body(Request, int)}, and refuses a body that is not whole within {@code timeout}: a client dribbling
     * bytes is checked after each read, a silent one is cut by the connection's idle timeout, lowered to what is left
     * of {@code timeout} while the body is read.
     */
    static byte[] body(Request request, int cap, java.time.Duration timeout) throws IOException, TooLarge, TooSlow {
        long declared = request.getLength();
        if (declared > cap) {
            throw new TooLarge();
        }
        if (declared == 0) {
            return new byte[0];
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        org.eclipse.jetty.io.EndPoint endPoint =
                request.getConnectionMetaData().getConnection().getEndPoint();
        long idle = endPoint.getIdleTimeout();
        endPoint.setIdleTimeout(idle > 0 ? Math.min(idle, timeout.toMillis()) : timeout.toMillis());
        try {
            return read(request, cap, declared, deadline);
        } catch (IOException e) {
            if (System.nanoTime() - deadline >= 0
                    || e.getCause() instanceof java.util.concurrent.TimeoutException
                    || e instanceof java.io.InterruptedIOException) {
                throw new TooSlow();
            }
            throw e;
        } finally {
            endPoint.setIdleTimeout(idle);
        }
    }

    private static byte[] read(Request request, int cap, long declared, long deadline)
            throws IOException, TooLarge, TooSlow {
        InputStream in = Content.Source.asInputStream(request);
        byte[] buf = new byte[(int) Math.min(cap + 1L, declared >= 0 ? declared + 1 : 8192)];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > cap) {
                    throw new TooLarge();
                }
                buf = java.util.Arrays.copyOf(buf, (int) Math.min(cap + 1L, buf.length * 2L));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            if (n > cap) {
                throw new TooLarge();
            }
            if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
                throw new TooSlow();
            }
        }
        return java.util.Arrays.copyOf(buf, n);
    }

    /** The first query parameter name given more than once (decoded), if any. */
    static Optional<String> repeatedParameter(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            try {
                name = java.net.URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // keep it as sent
            }
            if (!seen.add(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    static Optional<String> query(Request request, String name) {
        Fields f = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        return Optional.ofNullable(f.getValue(name));
    }

    static Optional<String> header(Request request, String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    static void json(Response response, Callback callback, int status, Object body, Optional<String> diagnosis) {
        byte[] bytes = StrictJson.writeBytes(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        diagnosis.ifPresent(d -> response.getHeaders().put(DIAGNOSIS_HEADER, ascii(d)));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    static void text(Response response, Callback callback, int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    static Map<String, Object> errcode(int errcode, String errmsg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errcode", errcode);
        m.put("errmsg", errmsg);
        return m;
    }

    /** Header values are ASCII: anything else becomes '?'. */
    static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
