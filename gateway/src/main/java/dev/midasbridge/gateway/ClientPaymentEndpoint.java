package dev.midasbridge.gateway;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.clientpay.ClientItem;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.crypto.ConstantTime;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.error.ReLoginRequiredException;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.delivery.ClientPayments;
import dev.midasbridge.engine.journal.JournalException;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /bridge/client-payment} with {@code Authorization: Bearer <client_payment token>}: the object the game
 * client passes to {@code wx.requestMidasPayment} / {@code wx.requestMidasPaymentGameItem}, for the version the player
 * is routed to, journaled for matching its delivery push. Body: {@code {"openid", "quantity", "zone_id"?, "env"?
 * ("production"|"sandbox"), "item_id"? and "price"? (fen; both or neither), "out_trade_no"?, "attach"?}}; the
 * session_key comes from the gateway's session store. Answers {@code {"version", "api", "env", "out_trade_no",
 * "params"}}; errors {@code {"error", "field", "message"}}: 400 bad input, 401 wrong token, 409 no session key for
 * the player (log in again), 503 journal unavailable.
 */
final class ClientPaymentEndpoint {
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.midasbridge.gateway.access");
    private static final Logger LOG = LoggerFactory.getLogger(ClientPaymentEndpoint.class);
    private static final Set<String> FIELDS =
            Set.of("openid", "zone_id", "env", "quantity", "item_id", "price", "out_trade_no", "attach");

    private final Secret token;
    private final ClientPayments payments;
    private final SessionStore sessions;
    private final PushMetrics metrics;
    private final int maxBodyBytes;
    private final Duration bodyTimeout;

    ClientPaymentEndpoint(
            Secret token,
            ClientPayments payments,
            SessionStore sessions,
            PushMetrics metrics,
            int maxBodyBytes,
            Duration bodyTimeout) {
        this.token = token;
        this.payments = payments;
        this.sessions = sessions;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyTimeout = bodyTimeout;
    }

    /** A refusal naming the field. */
    private static final class Refused extends Exception {
        final int status;
        final String error;
        final String field;

        Refused(int status, String error, String field, String message) {
            super(message, null, false, false);
            this.status = status;
            this.error = error;
            this.field = field;
        }
    }

    void handle(Request request, Response response, Callback callback) {
        long t0 = System.nanoTime();
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        int status;
        try {
            if (!authorized(request)) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                throw new Refused(401, "unauthorized", null, "a valid Authorization: Bearer token is required");
            }
            if (!"POST".equals(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                throw new Refused(405, "method_not_allowed", null, "use POST");
            }
            byte[] body;
            try {
                body = Http.body(request, maxBodyBytes, bodyTimeout);
            } catch (Http.TooLarge e) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                throw new Refused(413, "too_large", null, "body larger than the gateway's max_body_bytes");
            } catch (Http.TooSlow e) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                throw new Refused(408, "too_slow", null, "body not received within " + bodyTimeout.toMillis() + " ms");
            } catch (IOException e) {
                throw new Refused(400, "invalid_input", null, "the body could not be read");
            }
            Map<String, Object> in;
            try {
                in = StrictJson.readObject(body);
            } catch (StrictJson.MalformedJsonException e) {
                throw new Refused(400, "invalid_input", null, e.getMessage());
            }
            for (String k : in.keySet()) {
                if (!FIELDS.contains(k)) {
                    throw new Refused(
                            400,
                            "invalid_input",
                            k,
                            "unknown field \"" + cut(k) + "\"; known: " + new java.util.TreeSet<>(FIELDS));
                }
            }
            Map<String, Object> out = form(in);
            Http.json(response, callback, 200, out, Optional.empty());
            status = 200;
        } catch (Refused r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", r.error);
            if (r.field != null) {
                m.put("field", r.field);
            }
            m.put("message", r.getMessage());
            Http.json(response, callback, r.status, m, Optional.empty());
            status = r.status;
        }
        ACCESS.info(
                "{} {} {} client-payment {}ms",
                method,
                path,
                status,
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    private Map<String, Object> form(Map<String, Object> in) throws Refused {
        String openid = text(in, "openid", true).orElseThrow();
        String zone = text(in, "zone_id", false).orElse(Player.DEFAULT_ZONE);
        Environment env = switch (text(in, "env", false).orElse("production")) {
            case "production" -> Environment.PRODUCTION;
            case "sandbox" -> Environment.SANDBOX;
            default -> throw new Refused(400, "invalid_input", "env", "env: \"production\" or \"sandbox\"");
        };
        long quantity = number(in, "quantity")
                .orElseThrow(
                        () -> new Refused(400, "invalid_input", "quantity", "quantity: required (a whole number > 0)"));
        Optional<String> itemId = text(in, "item_id", false);
        Optional<Long> price = number(in, "price");
        if (itemId.isPresent() != price.isPresent()) {
            String missing = itemId.isPresent() ? "price" : "item_id";
            throw new Refused(
                    400,
                    "invalid_input",
                    missing,
                    "item_id and price go together (an item purchase):" + " " + missing + " is missing");
        }
        Optional<String> outTradeNo = text(in, "out_trade_no", false);
        Optional<String> attach = text(in, "attach", false);
        Player player;
        ClientPayments.Formed formed;
        String routed = "-";
        try {
            player = Player.of(openid, zone);
            Optional<ClientItem> item =
                    itemId.isPresent() ? Optional.of(new ClientItem(itemId.get(), price.get())) : Optional.empty();
            routed = payments.route(player, env, item.isPresent()).label();
            formed = payments.form(player, env, quantity, outTradeNo, item, attach, sessions.sessionFor(openid));
        } catch (ReLoginRequiredException e) {
            metrics.clientPayment(routed, "no_session");
            throw new Refused(409, "relogin_required", "openid", e.getMessage());
        } catch (InvalidInputException e) {
            metrics.clientPayment(routed, "invalid_input");
            throw new Refused(400, "invalid_input", wireField(e.field().orElse(null)), e.getMessage());
        } catch (PaymentException e) {
            metrics.clientPayment(routed, "refused");
            throw new Refused(400, e.kind().name().toLowerCase(java.util.Locale.ROOT), null, e.getMessage());
        } catch (IllegalArgumentException e) {
            metrics.clientPayment(routed, "invalid_input");
            throw new Refused(400, "invalid_input", null, e.getMessage());
        } catch (JournalException e) {
            LOG.warn("client payment not journaled: {}", e.getMessage());
            metrics.clientPayment(routed, "journal_unavailable");
            throw new Refused(503, "journal_unavailable", null, "the journal is unavailable; try again");
        }
        metrics.clientPayment(formed.form().version().label(), "ok");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", formed.form().version().label());
        out.put("api", formed.form().api());
        out.put("env", env.name().toLowerCase(java.util.Locale.ROOT));
        out.put("out_trade_no", formed.form().outTradeNo().value());
        out.put("params", formed.form().toClientObject());
        return out;
    }

    /** The request field a library field name stands for (the library names the client API's fields). */
    private static String wireField(String field) {
        if (field == null) {
            return null;
        }
        return switch (field) {
            case "outTradeNo" -> "out_trade_no";
            case "buyQuantity" -> "quantity";
            case "productId" -> "item_id";
            case "goodsPrice" -> "price";
            case "zoneId", "zone_id" -> "zone_id";
            default -> field;
        };
    }

    private boolean authorized(Request request) {
        String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (h == null || !h.startsWith("Bearer ")) {
            return false;
        }
        return ConstantTime.equals(h.substring(7).strip(), token.reveal());
    }

    private static Optional<String> text(Map<String, Object> in, String field, boolean required) throws Refused {
        Object v = in.get(field);
        if (v == null) {
            if (required) {
                throw new Refused(400, "invalid_input", field, field + ": required");
            }
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new Refused(400, "invalid_input", field, field + ": must be a string");
        }
        return Optional.of(s);
    }

    private static Optional<Long> number(Map<String, Object> in, String field) throws Refused {
        Object v = in.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Long n)) {
            throw new Refused(400, "invalid_input", field, field + ": must be a whole number");
        }
        return Optional.of(n);
    }

    private static String cut(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
