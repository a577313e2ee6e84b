package dev.midasbridge.gateway;

import java.util.Optional;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a bad request line, headers too large, ...) answered as a short JSON errcode body: no HTML,
 * no class name, no stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() <= 0 ? 500 : response.getStatus();
        Object s = request.getAttribute(ERROR_STATUS);
        if (s instanceof Integer i) {
            status = i;
        }
        String reason = HttpStatus.getMessage(status);
        Http.json(response, callback, status, Http.errcode(-1, "http " + status + " " + reason), Optional.empty());
        return true;
    }
}
