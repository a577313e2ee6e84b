package dev.midasbridge.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API over HTTP, under {@code /__admin/} (only when enabled): {@code GET ledger}, {@code GET balance},
 * {@code GET faults}, {@code POST seed}, {@code POST session_key}, {@code POST access_token}, {@code POST faults},
 * {@code POST faults/clear}, and the push routes of {@link PushAdminHttp}. Answers JSON; errors are HTTP 400 with {@code {"error": "..."}}.
 */
final class AdminHttp {
    private final Admin admin;
    private final PushAdminHttp push;

    AdminHttp(Admin admin, PushAdminHttp push) {
        this.admin = admin;
        this.push = push;
    }

    /** An answer: HTTP status and JSON text. */
    record Reply(int status, String json) {}

    Reply handle(String method, String path, Map<String, String> query, byte[] body) {
        if (PushAdminHttp.owns(path)) {
            return push.handle(method, path, query, body);
        }
        try {
            Map<String, Object> out = switch (method + " " + path) {
                case "GET /ledger" -> ledger();
                case "GET /balance" -> balance(query);
                case "GET /faults" -> faults();
                case "POST /seed" -> seed(node(body));
                case "POST /session_key" -> {
                    SimulatorConfig.Node n = node(body);
                    admin.rotateSessionKey(n.text("openid"), n.secret("session_key"));
                    yield done();
                }
                case "POST /access_token" -> {
                    admin.setAccessToken(node(body).secret("access_token"));
                    yield done();
                }
                case "POST /faults" -> {
                    admin.addFault(SimulatorConfig.fault(node(body)));
                    yield done();
                }
                case "POST /faults/clear" -> {
                    admin.clearFaults();
                    yield done();
                }
                default -> null;
            };
            if (out == null) {
                return new Reply(
                        404,
                        JsonTree.write(Map.of("error", "no admin route " + Text.clip(method) + " " + Text.clip(path))));
            }
            return new Reply(200, JsonTree.write(out));
        } catch (IllegalArgumentException e) {
            return new Reply(400, JsonTree.write(Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    static SimulatorConfig.Node node(byte[] body) {
        Object tree;
        try {
            tree = JsonTree.parse(body);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("$", "is not JSON: " + e.getMessage());
        }
        SimulatorConfig.Node n = new SimulatorConfig.Node("", tree);
        n.object();
        return n;
    }

    private static Map<String, Object> done() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        return m;
    }

    private Map<String, Object> seed(SimulatorConfig.Node n) {
        String openid = n.text("openid");
        String zone = n.optionalText("zone_id", "1");
        long balance = n.optionalLong("balance", 0);
        long present = n.optionalLong("present_balance", 0);
        if (n.object().containsKey("env")) {
            admin.seedBalance(env(n.optionalLong("env", 0)), openid, zone, balance, present);
        } else {
            admin.seedBalance(openid, zone, balance, present);
        }
        return done();
    }

    private Map<String, Object> balance(Map<String, String> query) {
        String openid = query.get("openid");
        if (openid == null || openid.isEmpty()) {
            throw new IllegalArgumentException("query parameter openid is missing");
        }
        Environment env = env(parseLong("env", query.getOrDefault("env", "0")));
        AccountSnapshot s = admin.balance(env, openid, query.getOrDefault("zone_id", "1"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("balance", s.balance());
        m.put("present_balance", s.presentBalance());
        m.put("sum_save", s.sumSave());
        m.put("sum_cost", s.sumCost());
        m.put("sum_present", s.sumPresent());
        return m;
    }

    private Map<String, Object> ledger() {
        List<Object> entries = new ArrayList<>();
        for (LedgerEntry e : admin.ledger()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sequence", e.sequence());
            m.put("version", e.version().label());
            m.put("env", e.environment().payV2Env());
            m.put("endpoint", e.endpoint());
            m.put("openid", e.openid());
            m.put("zone_id", e.zoneId());
            m.put("bill_no", e.billNo());
            e.refundedBillNo().ifPresent(r -> m.put("pay_bill_no", r));
            m.put("amount", e.amount());
            m.put("balance_after", e.balanceAfter());
            m.put("time", e.time().toString());
            entries.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries", entries);
        return out;
    }

    private Map<String, Object> faults() {
        List<Object> list = new ArrayList<>();
        for (Fault f : admin.faults()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", f.kind().wireName());
            f.endpoint().ifPresent(v -> m.put("endpoint", v));
            f.openid().ifPresent(v -> m.put("openid", v));
            f.billNo().ifPresent(v -> m.put("bill_no", v));
            m.put("times", f.times());
            m.put("delay_ms", f.delay().toMillis());
            if (f.kind() == FaultKind.ERRCODE) {
                m.put("errcode", f.errcode());
            }
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("faults", list);
        return out;
    }

    private static Environment env(long code) {
        if (code != 0 && code != 1) {
            throw new IllegalArgumentException("env must be 0 (production) or 1 (sandbox), got " + code);
        }
        return Environment.fromPayV2Env(code);
    }

    private static long parseLong(String name, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + text);
        }
    }
}
