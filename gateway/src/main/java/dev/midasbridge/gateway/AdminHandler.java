package dev.midasbridge.gateway;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.crypto.ConstantTime;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.ReconcileReport;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalEvent;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.routing.RoutingPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API, on its own listener (loopback by default), every call behind {@code Authorization: Bearer <token>}
 * compared in constant time:
 * <ul>
 *   <li>{@code GET /admin/routing}: both environments' policies;</li>
 *   <li>{@code PUT /admin/routing[?env=production|sandbox]}: a policy object (both environments unless named);</li>
 *   <li>{@code GET /admin/orders?openid=&bill_no=[&zone_id=1][&env=production]}: one journaled order and its
 *       history;</li>
 *   <li>{@code POST /admin/reconcile}: reconcile now (unless another instance is);</li>
 *   <li>{@code POST /admin/session-keys}: {@code {"session_keys":[{"openid":..,"session_key":..}]}}.</li>
 * </ul>
 */
final class AdminHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);

    private final Secret token;
    private final GameCurrency bridge;
    private final SessionStore sessions;
    private final Reconciler reconciler;
    private final GatewayMetrics metrics;
    private final int maxBodyBytes;

    AdminHandler(
            Secret token,
            GameCurrency bridge,
            SessionStore sessions,
            Reconciler reconciler,
            GatewayMetrics metrics,
            int maxBodyBytes) {
        super(InvocationType.BLOCKING);
        this.token = token;
        this.bridge = bridge;
        this.sessions = sessions;
        this.reconciler = reconciler;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Optional.ofNullable(request.getHttpURI().getPath()).orElse("/");
        String method = request.getMethod();
        try {
            if (path.equals("/healthz")) {
                ok(response, callback, Map.of("status", "ok"));
                return true;
            }
            if (path.equals("/metrics")) {
                Http.text(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
                return true;
            }
            String auth = Http.header(request, "Authorization").orElse("");
            String given = auth.startsWith("Bearer ") ? auth.substring(7).strip() : "";
            if (!ConstantTime.equals(given, token.reveal())) {
                response.getHeaders().put("WWW-Authenticate", "Bearer");
                fail(response, callback, 401, "missing or wrong bearer token");
                return true;
            }
            switch (method + " " + path) {
                case "GET /admin/routing" -> ok(response, callback, routing());
                case "PUT /admin/routing" -> {
                    Map<String, Object> body = StrictJson.readObject(Http.body(request, maxBodyBytes));
                    RoutingPolicy p = policy(body);
                    Optional<String> env = Http.query(request, "env");
                    for (Environment e : Environment.values()) {
                        if (env.isEmpty() || env.get().equalsIgnoreCase(e.name())) {
                            bridge.router().setPolicy(e, p);
                        }
                    }
                    LOG.info(
                            "routing policy set for {}: {}% on pay_v2",
                            env.orElse("both environments"), p.payV2Percent());
                    ok(response, callback, routing());
                }
                case "GET /admin/orders" -> order(request, response, callback);
                case "POST /admin/reconcile" -> {
                    Optional<ReconcileReport> r = reconciler.runOnce();
                    Map<String, Object> m = new LinkedHashMap<>();
                    if (r.isEmpty()) {
                        m.put("ran", false);
                        m.put("reason", "another reconcile is running (here or on another instance)");
                    } else {
                        m.put("ran", true);
                        m.put("applied", r.get().applied());
                        m.put("not_applied", r.get().notApplied());
                        m.put("still_unknown", r.get().stillUnknown());
                        m.put("skipped", r.get().skipped());
                        m.put("lines", r.get().lines());
                    }
                    ok(response, callback, m);
                }
                case "POST /admin/session-keys" -> {
                    Map<String, Object> body = StrictJson.readObject(Http.body(request, maxBodyBytes));
                    if (!(body.get("session_keys") instanceof List<?> list)) {
                        fail(
                                response,
                                callback,
                                400,
                                "expected {\"session_keys\":[{\"openid\":..,\"session_key\":..}]}");
                        return true;
                    }
                    int n = 0;
                    for (Object o : list) {
                        if (o instanceof Map<?, ?> m
                                && m.get("openid") instanceof String openid
                                && !openid.isEmpty()
                                && m.get("session_key") instanceof String key
                                && !key.isEmpty()) {
                            sessions.put(openid, Secret.of(key), SessionStore.Source.ADMIN);
                            n++;
                        } else {
                            fail(response, callback, 400, "entry " + n + ": needs a non-empty openid and session_key");
                            return true;
                        }
                    }
                    ok(response, callback, Map.of("imported", n));
                }
                default -> fail(response, callback, 404, "no such admin call: " + method + " " + Http.ascii(path));
            }
        } catch (Http.TooLarge e) {
            fail(response, callback, 413, "body too large");
        } catch (StrictJson.MalformedJsonException e) {
            fail(response, callback, 400, e.getMessage());
        } catch (IllegalArgumentException e) {
            fail(response, callback, 400, e.getMessage());
        } catch (Exception e) {
            LOG.warn("admin {} {}: {}", method, path, e.getMessage());
            fail(response, callback, 500, "admin call failed: " + (e.getMessage() == null ? "error" : e.getMessage()));
        }
        return true;
    }

    private Map<String, Object> routing() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Environment e : Environment.values()) {
            m.put(e.name().toLowerCase(), policyJson(bridge.router().policy(e)));
        }
        return m;
    }

    static Map<String, Object> policyJson(RoutingPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pay_v2_percent", p.payV2Percent());
        m.put("pay_v2_openids", new TreeSet<>(p.payV2Openids()));
        m.put("midas_v1_openids", new TreeSet<>(p.midasV1Openids()));
        m.put("pay_v2_zones", new TreeSet<>(p.payV2Zones()));
        m.put("midas_v1_zones", new TreeSet<>(p.midasV1Zones()));
        return m;
    }

    static RoutingPolicy policy(Map<String, Object> body) {
        Set<String> known =
                Set.of("pay_v2_percent", "pay_v2_openids", "midas_v1_openids", "pay_v2_zones", "midas_v1_zones");
        for (String k : body.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException(
                        "unknown routing field \"" + k + "\"; known: " + new TreeSet<>(known));
            }
        }
        if (!(body.get("pay_v2_percent") instanceof Long pct)) {
            throw new IllegalArgumentException("pay_v2_percent: a whole number 0..100 is required");
        }
        if (pct < 0 || pct > 100) {
            throw new IllegalArgumentException("pay_v2_percent " + pct + ": must be between 0 and 100");
        }
        return new RoutingPolicy(
                pct.intValue(),
                set(body, "pay_v2_openids"),
                set(body, "midas_v1_openids"),
                set(body, "pay_v2_zones"),
                set(body, "midas_v1_zones"));
    }

    private static Set<String> set(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            return Set.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(field + ": a list of strings is required");
        }
        Set<String> s = new HashSet<>();
        for (Object o : list) {
            if (!(o instanceof String str)) {
                throw new IllegalArgumentException(field + ": a list of strings is required");
            }
            s.add(str);
        }
        return s;
    }

    private void order(Request request, Response response, Callback callback) {
        Optional<String> openid = Http.query(request, "openid");
        Optional<String> billNo = Http.query(request, "bill_no");
        if (openid.isEmpty() || billNo.isEmpty()) {
            fail(response, callback, 400, "openid and bill_no are required (zone_id defaults to 1, env to production)");
            return;
        }
        Environment env = Http.query(request, "env")
                .map(e -> Environment.valueOf(e.toUpperCase()))
                .orElse(Environment.PRODUCTION);
        JournalKey key =
                new JournalKey(env, openid.get(), Http.query(request, "zone_id").orElse("1"), billNo.get());
        Optional<JournalEntry> e = bridge.journal().find(key);
        if (e.isEmpty()) {
            fail(response, callback, 404, "the journal has no such order");
            return;
        }
        JournalEntry j = e.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key.toString());
        m.put("kind", j.kind().name());
        m.put("version", j.version().label());
        m.put("wire_order_no", j.wireOrderNo());
        j.amount().ifPresent(a -> m.put("amount", a));
        j.relatedOrderNo().ifPresent(r -> m.put("related_order_no", r));
        m.put("status", j.status().name());
        m.put("attempts", j.attempts());
        m.put("maybe_applied", j.maybeApplied());
        m.put("flagged", j.flagged());
        j.balanceAfter().ifPresent(b -> m.put("balance_after", b));
        j.lastError().ifPresent(err -> m.put("last_error", err.message()));
        m.put("created_at", j.createdAt().toString());
        m.put("updated_at", j.updatedAt().toString());
        List<String> history = new ArrayList<>();
        for (JournalEvent ev : bridge.journal().history(key)) {
            history.add(ev.at() + " " + ev.text());
        }
        m.put("history", history);
        ok(response, callback, m);
    }

    private static void ok(Response response, Callback callback, Object body) {
        Http.json(response, callback, 200, body, Optional.empty());
    }

    private static void fail(Response response, Callback callback, int status, String message) {
        Http.json(response, callback, status, Map.of("error", message), Optional.empty());
    }
}
