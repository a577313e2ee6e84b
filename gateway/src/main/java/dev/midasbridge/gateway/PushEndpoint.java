package dev.midasbridge.gateway;

import dev.midasbridge.core.error.PushCheck;
import dev.midasbridge.core.error.PushVerificationException;
import dev.midasbridge.core.push.CapturedPush;
import dev.midasbridge.core.push.CoinDelivered;
import dev.midasbridge.core.push.ItemDelivered;
import dev.midasbridge.core.push.PushEvent;
import dev.midasbridge.core.push.UnknownEvent;
import dev.midasbridge.engine.delivery.DeliveryRecord;
import dev.midasbridge.engine.delivery.PushDeliveries;
import dev.midasbridge.payv2.PayV2Push;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message-push URL: {@code GET} is WeChat's URL verification (echo {@code echostr} when {@code signature} is
 * right); {@code POST} is a push, verified by {@link PayV2Push} (URL {@code signature}, safe mode's {@code
 * msg_signature} and envelope, {@code PayEventSig} with the AppKey of the payload's Env, the payload's fields). A push
 * that fails a check is refused (HTTP 401 for a signature, 400 otherwise) and never reaches the game. An {@code IsMock}
 * event is answered success and not delivered. Coin and item deliveries go through {@link PushDeliveries}: journaled
 * once, delivered to the game's webhook, answered {@code {"ErrCode":0,"ErrMsg":"Success"}} only once the game accepted
 * them. Pushes that are not payment events, and payment events the gateway does not type, are forwarded unchanged
 * to {@code push.forward_url} when it is set (without it, unknown payment events are delivered to the webhook too).
 * The push's own signatures are its credentials: no bearer token.
 */
final class PushEndpoint {
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.midasbridge.gateway.access");
    private static final Logger LOG = LoggerFactory.getLogger(PushEndpoint.class);
    static final String FAILURE_ERRCODE = "-1";

    private final PayV2Push verifier;
    private final PushDeliveries deliveries;
    private final GameWebhook webhook;
    private final PushMetrics metrics;
    private final Clock clock;
    private final int maxBodyBytes;
    private final Duration bodyTimeout;

    PushEndpoint(
            PayV2Push verifier,
            PushDeliveries deliveries,
            GameWebhook webhook,
            PushMetrics metrics,
            Clock clock,
            int maxBodyBytes,
            Duration bodyTimeout) {
        this.verifier = verifier;
        this.deliveries = deliveries;
        this.webhook = webhook;
        this.metrics = metrics;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyTimeout = bodyTimeout;
    }

    void handle(Request request, Response response, Callback callback) {
        long t0 = System.nanoTime();
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        Optional<String> rawQuery = Optional.ofNullable(request.getHttpURI().getQuery());
        Optional<String> repeated = Http.repeatedParameter(rawQuery.orElse(null));
        if (repeated.isPresent()) {
            metrics.event("refused", "unknown");
            answer(response, callback, 400, failure(repeated.get() + " appears more than once in the query"));
            access(method, path, 400, "refused", t0);
            return;
        }
        if ("GET".equals(method)) {
            verifyUrl(request, response, callback, rawQuery, t0);
            return;
        }
        if (!"POST".equals(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, POST");
            answer(response, callback, 405, failure("the push URL takes GET (URL verification) and POST (pushes)"));
            access(method, path, 405, "-", t0);
            return;
        }
        byte[] body;
        try {
            body = Http.body(request, maxBodyBytes, bodyTimeout);
        } catch (Http.TooLarge e) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            metrics.event("refused", "unknown");
            answer(response, callback, 413, failure("body larger than the gateway's max_body_bytes"));
            access(method, path, 413, "refused", t0);
            return;
        } catch (Http.TooSlow e) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            answer(response, callback, 408, failure("body not received within " + bodyTimeout.toMillis() + " ms"));
            access(method, path, 408, "-", t0);
            return;
        } catch (IOException e) {
            answer(response, callback, 400, failure("the body could not be read"));
            access(method, path, 400, "-", t0);
            return;
        }
        CapturedPush push = CapturedPush.parse(
                rawQuery.orElse(""), body, request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        PushEvent event;
        try {
            event = verifier.verify(push);
        } catch (PushVerificationException e) {
            if (notAPaymentEvent(e) && webhook.forwards()) {
                forward(method, rawQuery, body, push, response, callback, path, t0);
                return;
            }
            metrics.event("refused", "unknown");
            int status = signatureCheck(e.check()) ? 401 : 400;
            LOG.info("push refused: {}", e.getMessage());
            answer(response, callback, status, failure(e.getMessage()));
            access(method, path, status, "refused", t0);
            return;
        }
        String name = event.eventName();
        if (event instanceof UnknownEvent && webhook.forwards()) {
            forward(method, rawQuery, body, push, response, callback, path, t0);
            return;
        }
        if (event.mock()) {
            metrics.event("mock", name);
            answer(response, callback, 200, PushEvent.SUCCESS_ANSWER);
            access(method, path, 200, "mock", t0);
            return;
        }
        DeliveryRecord received = DeliveryRecord.received(
                event.dedupKey(),
                name,
                event.environment(),
                event.outTradeNo(),
                openid(event),
                event.payload(),
                clock.instant());
        PushDeliveries.Result r;
        try {
            r = deliveries.deliver(
                    received,
                    (e, flagged) -> webhook.deliver(
                            e,
                            flagged,
                            e.outTradeNo().flatMap(o -> deliveries.journal().findClientPayment(e.environment(), o))));
        } catch (RuntimeException journalDown) {
            LOG.warn("push {}: not journaled: {}", name, journalDown.getMessage());
            metrics.event("failed", name);
            answer(response, callback, 503, failure("the delivery journal is unavailable; push it again"));
            access(method, path, 503, "failed", t0);
            return;
        }
        String outcome = switch (r.outcome()) {
            case DELIVERED -> "delivered";
            case DELIVERED_FLAGGED, ALREADY_DELIVERED -> "duplicate";
            case IN_PROGRESS, FAILED -> "failed";
        };
        metrics.event(outcome, name);
        if (r.answerSuccess()) {
            answer(response, callback, 200, PushEvent.SUCCESS_ANSWER);
            access(method, path, 200, outcome, t0);
        } else {
            String why = r.outcome() == PushDeliveries.Outcome.IN_PROGRESS
                    ? "another delivery of this event is under way; push it again"
                    : "the game has not accepted the event yet; push it again";
            answer(response, callback, 503, failure(why));
            access(method, path, 503, outcome, t0);
        }
    }

    private void verifyUrl(Request request, Response response, Callback callback, Optional<String> rawQuery, long t0) {
        String path = request.getHttpURI().getPath();
        CapturedPush push = CapturedPush.parse(rawQuery.orElse(""), new byte[0], null);
        try {
            String echo = verifier.verifyUrl(push);
            Http.text(response, callback, 200, "text/plain; charset=utf-8", echo);
            access("GET", path, 200, "url-verified", t0);
        } catch (PushVerificationException e) {
            Http.text(response, callback, 401, "text/plain; charset=utf-8", e.getMessage());
            access("GET", path, 401, "refused", t0);
        }
    }

    private void forward(
            String method,
            Optional<String> rawQuery,
            byte[] body,
            CapturedPush push,
            Response response,
            Callback callback,
            String path,
            long t0) {
        try {
            GameWebhook.Forwarded f = webhook.forward(method, rawQuery, body, push.contentType());
            metrics.forwarded(f.status());
            response.setStatus(f.status());
            f.contentType().ifPresent(ct -> response.getHeaders().put(HttpHeader.CONTENT_TYPE, ct));
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, f.body().length);
            response.write(true, ByteBuffer.wrap(f.body()), callback);
            access(method, path, f.status(), "forwarded", t0);
        } catch (IOException e) {
            metrics.forwarded(502);
            answer(response, callback, 502, failure("the game's push URL did not answer"));
            access(method, path, 502, "forwarded", t0);
        }
    }

    /** The push passed the channel's checks but carries no payment payload (a message, another event). */
    private static boolean notAPaymentEvent(PushVerificationException e) {
        return e.check() == PushCheck.BODY
                && e.field().equals(Optional.of("MiniGame.Payload"))
                && e.getMessage().contains("not a payment event");
    }

    private static boolean signatureCheck(PushCheck c) {
        return c == PushCheck.URL_SIGNATURE || c == PushCheck.MSG_SIGNATURE || c == PushCheck.PAY_EVENT_SIG;
    }

    private static Optional<String> openid(PushEvent e) {
        if (e instanceof CoinDelivered c) {
            return Optional.of(c.openId());
        }
        if (e instanceof ItemDelivered i) {
            return Optional.of(i.openId());
        }
        if (e instanceof UnknownEvent u) {
            return u.openId();
        }
        return Optional.empty();
    }

    private static String failure(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ErrCode", -1);
        m.put("ErrMsg", message.length() > 300 ? message.substring(0, 300) + "…" : message);
        return StrictJson.write(m);
    }

    private static void answer(Response response, Callback callback, int status, String json) {
        Http.text(response, callback, status, Http.JSON, json);
    }

    private static void access(String method, String path, int status, String outcome, long t0) {
        ACCESS.info(
                "{} {} {} push={} {}ms",
                method,
                path,
                status,
                outcome,
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }
}
