package dev.midasbridge.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Every error Jetty answers by itself (a request it could not parse, headers too large, a bad URI, a failure) as the
 * stand-in's JSON, {@code {"errcode":…,"errmsg":…}}: never an HTML page, a Java class name or a stack trace. The
 * errmsg is fixed per status; nothing of the request or of an exception is echoed.
 */
final class JsonErrors extends ErrorHandler {
    JsonErrors() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    /** The errcode for an HTTP status, following the stand-in's conventions (README, Limits and strict input). */
    static int errcode(int status) {
        return switch (status) {
            case 404 -> 40066;
            case 405 -> 43002;
            default -> status >= 500 ? -1 : 47001;
        };
    }

    static String errmsg(int status) {
        return switch (status) {
            case 400 -> "data format error: bad request (the request line, a header or the URI is malformed)";
            case 404 -> "invalid url";
            case 405 -> "require POST method";
            case 408 -> "data format error: the request did not arrive in time; nothing was applied";
            case 413 -> "data format error: the body is too large; nothing was applied";
            case 414 -> "data format error: the URI is too long";
            case 431 -> "data format error: the request headers are too large";
            default ->
                status >= 500
                        ? "system error in the stand-in server"
                        : "data format error: request refused (HTTP " + status + ")";
        };
    }

    static String body(int status) {
        return JsonTree.write(Api.error(errcode(status), errmsg(status)));
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        byte[] bytes = body(code).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    @SuppressWarnings("removal") // Jetty 12 still calls it for bad requests (431, 400) until it is removed
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }
}
