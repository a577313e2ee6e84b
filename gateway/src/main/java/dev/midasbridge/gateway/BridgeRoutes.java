package dev.midasbridge.gateway;

import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The API listener's own endpoints in front of {@link ApiHandler}: the push URL and the client-payment endpoint when
 * configured ({@link PushSettings}); every other path goes on to {@code next}.
 */
final class BridgeRoutes extends Handler.Wrapper {
    private final Optional<String> pushPath;
    private final Optional<PushEndpoint> push;
    private final Optional<String> clientPaymentPath;
    private final Optional<ClientPaymentEndpoint> clientPayment;

    BridgeRoutes(
            Optional<String> pushPath,
            Optional<PushEndpoint> push,
            Optional<String> clientPaymentPath,
            Optional<ClientPaymentEndpoint> clientPayment,
            Handler next) {
        super(next);
        this.pushPath = pushPath;
        this.push = push;
        this.clientPaymentPath = clientPaymentPath;
        this.clientPayment = clientPayment;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (push.isPresent() && pushPath.get().equals(path)) {
            push.get().handle(request, response, callback);
            return true;
        }
        if (clientPayment.isPresent() && clientPaymentPath.get().equals(path)) {
            clientPayment.get().handle(request, response, callback);
            return true;
        }
        return super.handle(request, response, callback);
    }
}
