package dev.midasbridge.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The push routes of the admin API (under {@code /__admin/}): {@code POST push} (send an event, with faults),
 * {@code GET pushes} (every delivery and its attempts; {@code ?id=p-1} for one), {@code POST pushes/clear},
 * {@code GET push/config}, {@code POST push/config} (set where and how to push), {@code POST push/verify_url} (URL
 * verification against the push URL). Errors are HTTP 400 {@code {"error": "..."}} naming the field; a full queue is
 * 503, no push URL configured 409.
 */
final class PushAdminHttp {
    private final SimulatorConfig config;
    private final PushSender sender;

    PushAdminHttp(SimulatorConfig config, PushSender sender) {
        this.config = config;
        this.sender = sender;
    }

    /** Whether {@code path} (after {@code /__admin}) is one of these routes. */
    static boolean owns(String path) {
        return path.equals("/push")
                || path.startsWith("/push/")
                || path.equals("/pushes")
                || path.startsWith("/pushes/");
    }

    AdminHttp.Reply handle(String method, String path, Map<String, String> query, byte[] body) {
        try {
            Map<String, Object> out = switch (method + " " + path) {
                case "POST /push" -> push(AdminHttp.node(body));
                case "GET /pushes" -> pushes(query);
                case "POST /pushes/clear" -> {
                    sender.clearRecords();
                    yield ok();
                }
                case "GET /push/config" -> settings();
                case "POST /push/config" -> {
                    sender.configure(PushSettings.parse(
                            AdminHttp.node(body), config.midasV1().appId()));
                    yield settings();
                }
                case "POST /push/verify_url" -> verify(body);
                default -> null;
            };
            if (out == null) {
                return new AdminHttp.Reply(
                        404,
                        JsonTree.write(Map.of("error", "no admin route " + Text.clip(method) + " " + Text.clip(path))));
            }
            return new AdminHttp.Reply(200, JsonTree.write(out));
        } catch (PushSender.QueueFull e) {
            return new AdminHttp.Reply(503, JsonTree.write(Map.of("error", String.valueOf(e.getMessage()))));
        } catch (IllegalStateException e) {
            return new AdminHttp.Reply(409, JsonTree.write(Map.of("error", String.valueOf(e.getMessage()))));
        } catch (IllegalArgumentException e) {
            return new AdminHttp.Reply(400, JsonTree.write(Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    private Map<String, Object> push(SimulatorConfig.Node n) {
        long price = sender.settings().map(PushSettings::coinPriceFen).orElse(10L);
        PushRequest request = PushRequest.parse(n, price);
        List<PushSender.Delivery> deliveries = sender.push(request);
        PushMessage m = deliveries.get(0).message;
        Map<String, Object> out = ok();
        List<Object> ids = new ArrayList<>();
        deliveries.forEach(d -> ids.add(d.id));
        out.put("deliveries", ids);
        out.put("event", m.event());
        out.put("payload", m.payload());
        out.put("pay_event_sig", m.payEventSig());
        out.put("create_time", m.createTime());
        return out;
    }

    private Map<String, Object> pushes(Map<String, String> query) {
        String only = query.get("id");
        List<Object> list = new ArrayList<>();
        for (PushSender.Delivery d : sender.deliveries()) {
            if (only == null || only.equals(d.id)) {
                list.add(describe(d));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pending", (long) sender.pending());
        out.put("deliveries", list);
        return out;
    }

    static Map<String, Object> describe(PushSender.Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id);
        m.put("event", d.request.event());
        m.put("openid", d.request.openid());
        m.put("out_trade_no", d.request.outTradeNo());
        m.put("env", (long) d.request.environment().payV2Env());
        m.put("mock", d.request.mock());
        m.put("tamper", d.request.tamper().wireName());
        m.put("copy", (long) d.copy);
        m.put("copies", (long) d.copies);
        m.put("mode", d.settings.safe() ? "safe" : "plain");
        m.put("format", d.settings.xml() ? "xml" : "json");
        m.put("max_attempts", (long) d.schedule.attempts());
        m.put("state", d.state());
        m.put("payload", d.message.payload());
        m.put("pay_event_sig", d.message.payEventSig());
        m.put("created", d.created.toString());
        List<Object> attempts = new ArrayList<>();
        for (PushSender.Attempt a : d.attempts()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("attempt", (long) a.number());
            am.put("time", a.time().toString());
            am.put("status", (long) a.status());
            am.put("answer", a.answer());
            am.put("outcome", a.outcome());
            am.put("detail", a.detail());
            attempts.add(am);
        }
        m.put("attempts", attempts);
        return m;
    }

    private Map<String, Object> settings() {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<PushSettings> s = sender.settings();
        out.put("configured", s.isPresent());
        s.ifPresent(p -> {
            out.put("url", p.url().toString());
            out.put("mode", p.safe() ? "safe" : "plain");
            out.put("format", p.xml() ? "xml" : "json");
            out.put("appid", p.appId());
            out.put("to_user_name", p.toUserName());
            out.put("time_scale", p.timeScale());
            p.retryIntervals().ifPresent(list -> {
                List<Object> ms = new ArrayList<>();
                list.forEach(d -> ms.add(d.toMillis()));
                out.put("retry_intervals_ms", ms);
            });
            p.maxAttempts().ifPresent(m -> out.put("max_attempts", (long) m));
            out.put("timeout_ms", p.timeout().toMillis());
            out.put("threads", (long) p.threads());
            out.put("max_pending", (long) p.maxPending());
            out.put("coin_price_fen", p.coinPriceFen());
        });
        return out;
    }

    private Map<String, Object> verify(byte[] body) {
        Optional<String> echostr = Optional.empty();
        boolean tamper = false;
        if (body.length > 0) {
            SimulatorConfig.Node n = AdminHttp.node(body);
            for (String key : n.object().keySet()) {
                if (!key.equals("echostr") && !key.equals("tamper")) {
                    throw new InvalidConfigException(n.path(key), "is not a verify_url field (known: echostr, tamper)");
                }
            }
            echostr = n.maybeText("echostr");
            tamper = n.optionalBoolean("tamper", false);
        }
        return sender.verifyUrl(echostr, tamper);
    }

    private static Map<String, Object> ok() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        return m;
    }
}
