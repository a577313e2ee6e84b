package dev.midasbridge.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both APIs do with one call, short of HTTP: parse and validate the body, check the access token and both
 * signatures (with diagnosis), and prepare the operation on the {@link Bank}. Faults are applied by the caller
 * around {@link Ready#apply()}.
 */
final class Api {
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);

    /** Where a path leads: version, world (v1 only; v2 reads {@code env}) and endpoint. */
    record Route(ApiVersion version, boolean sandboxPath, String endpoint, String path) {
        static Route of(String path) {
            for (String op : List.of("getbalance", "pay", "cancelpay", "present")) {
                if (path.equals("/cgi-bin/midas/" + op)) {
                    return new Route(ApiVersion.MIDAS_V1, false, op, path);
                }
                if (path.equals("/cgi-bin/midas/sandbox/" + op)) {
                    return new Route(ApiVersion.MIDAS_V1, true, op, path);
                }
            }
            for (String op : List.of("getbalance", "pay", "cancelpay", "present", "queryorderinfo")) {
                if (path.equals("/wxa/game/" + op)) {
                    return new Route(ApiVersion.PAY_V2, false, op, path);
                }
            }
            return null;
        }

        String twinPath() {
            return sandboxPath ? "/cgi-bin/midas/" + endpoint : "/cgi-bin/midas/sandbox/" + endpoint;
        }
    }

    /** The outcome of validation: an answer to send now, or an operation ready to apply. */
    sealed interface Step permits Answer, Ready {}

    /** An answer that needs no operation (an error, or a read). */
    record Answer(Map<String, Object> json) implements Step {}

    /** A validated call: who and which orders it concerns (for faults), and the operation. */
    record Ready(String endpoint, String openid, Set<String> billNos, Supplier<Map<String, Object>> apply)
            implements Step {}

    /** A refusal with an errcode; thrown inside validation to stop at the first problem. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int errcode;

        Refusal(int errcode, String errmsg) {
            super(errmsg, null, false, false);
            this.errcode = errcode;
        }
    }

    private final SimulatorConfig config;
    private final Bank bank;
    private final Sessions sessions;
    private final AtomicReference<Secret> accessToken;

    Api(SimulatorConfig config, Bank bank, Sessions sessions, AtomicReference<Secret> accessToken) {
        this.config = config;
        this.bank = bank;
        this.sessions = sessions;
        this.accessToken = accessToken;
    }

    static Map<String, Object> error(int errcode, String errmsg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errcode", errcode);
        m.put("errmsg", errmsg);
        return m;
    }

    private static Map<String, Object> ok() {
        return error(0, "ok");
    }

    Step handle(Route route, Map<String, String> query, byte[] body) {
        try {
            return route.version() == ApiVersion.MIDAS_V1 ? midasV1(route, query, body) : payV2(route, query, body);
        } catch (Refusal r) {
            if (r.errcode == 90009
                    || r.errcode == 90010
                    || r.errcode == 90011
                    || r.errcode == 90016
                    || r.errcode == -1) {
                LOG.warn("{} {} -> {} {}", route.version().label(), route.path(), r.errcode, r.getMessage());
            } else {
                LOG.info("{} {} -> {} {}", route.version().label(), route.path(), r.errcode, r.getMessage());
            }
            return new Answer(error(r.errcode, r.getMessage()));
        }
    }

    // ------------------------------------------------------------------------------------------------ midas 1.0

    private Step midasV1(Route route, Map<String, String> query, byte[] bytes) {
        String token = checkAccessToken(query);
        Map<String, Object> tree = parse(bytes);
        if (tree.containsKey("access_token")) {
            throw new Refusal(90018, "[access_token] access_token travels in the query string, never in the body");
        }
        Body b = new Body(tree);
        String openid = b.text("openid");
        String appid = b.text("appid");
        String offerId = b.text("offer_id");
        b.number("ts");
        String zoneId = b.text("zone_id");
        b.text("pf");
        b.optionalText("user_ip");
        String billNo = null;
        long amount = 0;
        switch (route.endpoint()) {
            case "pay" -> {
                amount = b.number("amt");
                billNo = b.text("bill_no");
                b.optionalText("pay_item");
                b.optionalText("app_remark");
            }
            case "cancelpay" -> {
                billNo = b.text("bill_no");
                b.optionalText("pay_item");
            }
            case "present" -> {
                billNo = b.text("bill_no");
                amount = b.number("present_counts");
            }
            default -> {}
        }
        String sig = b.text("sig");
        String mpSig = b.text("mp_sig");
        List<Map.Entry<String, String>> signed = new ArrayList<>();
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            if (!e.getKey().equals("sig") && !e.getKey().equals("mp_sig")) {
                signed.add(Map.entry(e.getKey(), b.raw(e.getKey())));
            }
        }
        SimulatorConfig.MidasV1Keys keys = config.midasV1();
        if (!offerId.equals(keys.offerId())) {
            throw new Refusal(
                    -1,
                    "1021-1021-0 offer_id " + Text.clip(offerId) + " is not this game's midas 1.0 offer"
                            + (offerId.equals(config.payV2().offerId()) ? " (it is the pay_v2 offer_id)" : ""));
        }
        if (!appid.equals(keys.appId())) {
            throw new Refusal(
                    90017,
                    "no permission to call: appid " + Text.clip(appid) + " is not bound to offer_id "
                            + Text.clip(offerId));
        }
        Environment env = route.sandboxPath() ? Environment.SANDBOX : Environment.PRODUCTION;
        Signatures.V1Call call = new Signatures.V1Call(route.path(), route.twinPath(), env, signed, token, sig, mpSig);
        Signatures.Check sigCheck = Signatures.checkV1Sig(call, keys, config.payV2());
        if (!sigCheck.ok()) {
            if (sigCheck.mistake() == Signatures.Mistake.OTHER_VERSION_KEY) {
                throw new Refusal(-1, "1021-1021-0 sig does not match: " + sigCheck.diagnosis());
            }
            throw new Refusal(90011, "sig is wrong: " + sigCheck.diagnosis());
        }
        Sessions.Keys session = sessions.keys(openid);
        if (session == null) {
            throw new Refusal(90010, "player not logged in: openid " + Text.clip(openid) + " has no session");
        }
        Signatures.Check mpCheck = Signatures.checkV1MpSig(call, session.current(), session.former(), keys);
        if (!mpCheck.ok()) {
            if (mpCheck.mistake() == Signatures.Mistake.STALE_SESSION_KEY) {
                throw new Refusal(90010, "session expired: " + mpCheck.diagnosis());
            }
            throw new Refusal(90009, "mp_sig is wrong: " + mpCheck.diagnosis());
        }
        if (billNo != null) {
            checkOrderNo("bill_no", billNo, ApiVersion.MIDAS_V1);
        }
        String bill = billNo;
        long amt = amount;
        return switch (route.endpoint()) {
            case "getbalance" ->
                new Ready("getbalance", openid, Set.of(), () -> {
                    AccountSnapshot s = bank.snapshot(env, openid, zoneId);
                    Map<String, Object> m = ok();
                    m.put("balance", s.balance());
                    m.put("gen_balance", s.presentBalance());
                    m.put("first_save", s.firstSave() ? 1 : 0);
                    m.put("save_amt", s.sumSave());
                    m.put("save_sum", s.sumBalance());
                    m.put("cost_sum", s.sumCost());
                    m.put("present_sum", s.sumPresent());
                    return m;
                });
            case "pay" -> {
                if (amt == 0) {
                    throw new Refusal(90018, "[amt] amt must not be 0");
                }
                if (amt < 0) {
                    throw new Refusal(90018, "[amt] amt must be greater than 0, got " + amt);
                }
                yield new Ready("pay", openid, Set.of(bill), () -> {
                    Bank.Outcome o = bank.deduct(ApiVersion.MIDAS_V1, env, openid, zoneId, bill, amt);
                    return o.ok() ? receipt(bill, o, "used_gen_amt") : error(o.errcode(), o.errmsg());
                });
            }
            case "cancelpay" ->
                new Ready("cancelpay", openid, Set.of(bill), () -> {
                    Bank.Outcome o = bank.refundWhole(env, openid, zoneId, bill);
                    return o.ok() ? receipt(bill, null, null) : error(o.errcode(), o.errmsg());
                });
            case "present" -> {
                if (amt <= 0) {
                    throw new Refusal(90018, "[present_counts] present_counts must be greater than 0, got " + amt);
                }
                yield new Ready("present", openid, Set.of(bill), () -> {
                    Bank.Outcome o = bank.grant(ApiVersion.MIDAS_V1, env, openid, zoneId, bill, amt);
                    return o.ok() ? receipt(bill, o, null) : error(o.errcode(), o.errmsg());
                });
            }
            default -> throw new IllegalStateException(route.endpoint());
        };
    }

    // ------------------------------------------------------------------------------------------------ pay_v2

    private Step payV2(Route route, Map<String, String> query, byte[] bytes) {
        String token = checkAccessToken(query);
        Map<String, Object> tree = parse(bytes);
        String sigMethod = query.get("sig_method");
        if (sigMethod == null) {
            throw new Refusal(90018, "[sig_method] sig_method is missing from the query (it must be hmac_sha256)");
        }
        if (!sigMethod.equals("hmac_sha256")) {
            throw new Refusal(90018, "[sig_method] sig_method is invalid: only hmac_sha256 is supported");
        }
        String paySig = query.get("pay_sig");
        if (paySig == null || paySig.isEmpty()) {
            throw new Refusal(90018, "[pay_sig] pay_sig is missing from the query");
        }
        String signature = query.get("signature");
        if (signature == null || signature.isEmpty()) {
            throw new Refusal(90018, "[signature] signature is missing from the query");
        }
        Body b = new Body(tree);
        String openid = b.text("openid");
        String offerId = b.text("offer_id");
        b.number("ts");
        String zoneId = b.text("zone_id");
        long envCode = b.number("env");
        if (envCode != 0 && envCode != 1) {
            throw new Refusal(90018, "[env] env is invalid: it must be 0 (production) or 1 (sandbox), got " + envCode);
        }
        b.optionalText("user_ip");
        String billNo = null;
        String payBillNo = null;
        String outTradeNo = null;
        long amount = 0;
        long bizId = 0;
        switch (route.endpoint()) {
            case "getbalance" -> {
                if (tree.containsKey("coin_type")) {
                    long coinType = b.number("coin_type");
                    if (coinType != 0 && coinType != 1) {
                        throw new Refusal(
                                90018, "[coin_type] coin_type is invalid: it must be 0 or 1, got " + coinType);
                    }
                }
            }
            case "pay" -> {
                amount = b.number("amount");
                billNo = b.text("bill_no");
                b.optionalText("payitem");
                b.optionalText("remark");
            }
            case "cancelpay" -> {
                payBillNo = b.text("pay_bill_no");
                billNo = b.text("bill_no");
                amount = b.number("amount");
                b.optionalText("payitem");
            }
            case "present" -> {
                billNo = b.text("bill_no");
                amount = b.number("amount");
            }
            case "queryorderinfo" -> {
                outTradeNo = b.text("out_trade_no");
                bizId = b.number("biz_id");
                if (bizId != 1 && bizId != 2) {
                    throw new Refusal(
                            90018,
                            "[biz_id] biz_id is invalid: it must be 1 (coins) or 2 (direct purchase), got " + bizId);
                }
            }
            default -> throw new IllegalStateException(route.endpoint());
        }
        SimulatorConfig.PayV2Keys keys = config.payV2();
        if (!offerId.equals(keys.offerId())) {
            throw new Refusal(
                    90018,
                    "[offer_id] offer_id is invalid"
                            + (offerId.equals(config.midasV1().offerId())
                                    ? ": it is the midas_v1 offer_id, pay_v2 needs the 2.0 offer"
                                    : ""));
        }
        Environment env = Environment.fromPayV2Env(envCode);
        Sessions.Keys session = sessions.keys(openid);
        Signatures.V2Call call = new Signatures.V2Call(route.path(), env, bytes, tree, token, paySig, signature);
        Signatures.Check payCheck =
                Signatures.checkV2PaySig(call, keys, config.midasV1(), session == null ? null : session.current());
        if (!payCheck.ok()) {
            throw new Refusal(90011, "pay_sig is wrong: " + payCheck.diagnosis());
        }
        if (session == null) {
            throw new Refusal(90018, "[openid] openid is invalid: no player with this openid has logged in");
        }
        Signatures.Check sigCheck = Signatures.checkV2Signature(call, session.current(), session.former(), keys);
        if (!sigCheck.ok()) {
            if (sigCheck.mistake() == Signatures.Mistake.STALE_SESSION_KEY) {
                throw new Refusal(90016, "session_key expired, the player must log in again: " + sigCheck.diagnosis());
            }
            throw new Refusal(90010, "signature is wrong: " + sigCheck.diagnosis());
        }
        if (billNo != null) {
            checkOrderNo("bill_no", billNo, ApiVersion.PAY_V2);
        }
        if (payBillNo != null) {
            // pay_bill_no names an existing deduction, which midas 1.0 may have made: 1.0 rules apply.
            checkOrderNo("pay_bill_no", payBillNo, ApiVersion.MIDAS_V1);
        }
        if (billNo != null && amount <= 0) {
            throw new Refusal(90018, "[amount] amount must be greater than 0, got " + amount);
        }
        String bill = billNo;
        String payBill = payBillNo;
        long amt = amount;
        String trade = outTradeNo;
        long biz = bizId;
        return switch (route.endpoint()) {
            case "getbalance" ->
                new Ready("getbalance", openid, Set.of(), () -> {
                    AccountSnapshot s = bank.snapshot(env, openid, zoneId);
                    Map<String, Object> m = ok();
                    m.put("balance", s.balance());
                    m.put("present_balance", s.presentBalance());
                    m.put("first_save_flag", s.firstSave());
                    m.put("sum_save", s.sumSave());
                    m.put("sum_balance", s.sumBalance());
                    m.put("sum_cost", s.sumCost());
                    m.put("sum_present", s.sumPresent());
                    return m;
                });
            case "pay" ->
                new Ready("pay", openid, Set.of(bill), () -> {
                    Bank.Outcome o = bank.deduct(ApiVersion.PAY_V2, env, openid, zoneId, bill, amt);
                    return o.ok() ? receipt(bill, o, "used_present_amount") : error(o.errcode(), o.errmsg());
                });
            case "cancelpay" ->
                new Ready("cancelpay", openid, new java.util.HashSet<>(List.of(bill, payBill)), () -> {
                    Bank.Outcome o = bank.refundPart(env, openid, zoneId, payBill, bill, amt);
                    return o.ok() ? receipt(bill, null, null) : error(o.errcode(), o.errmsg());
                });
            case "present" ->
                new Ready("present", openid, Set.of(bill), () -> {
                    Bank.Outcome o = bank.grant(ApiVersion.PAY_V2, env, openid, zoneId, bill, amt);
                    return o.ok() ? receipt(bill, o, null) : error(o.errcode(), o.errmsg());
                });
            case "queryorderinfo" ->
                new Ready("queryorderinfo", openid, Set.of(trade), () -> {
                    List<SimulatorConfig.PurchaseOrder> known = new ArrayList<>(config.orders());
                    bank.purchase(openid, env, trade, biz).ifPresent(known::add); // paid through /__client/
                    for (SimulatorConfig.PurchaseOrder po : known) {
                        if (po.openid().equals(openid)
                                && po.environment() == env
                                && po.outTradeNo().equals(trade)
                                && po.bizId() == biz) {
                            Map<String, Object> m = ok();
                            m.put("pay_state", po.payState());
                            m.put("deliver_state", po.deliverState());
                            m.put("pay_finish_time", po.payFinishTime());
                            m.put("out_trade_no", po.outTradeNo());
                            m.put("mch_order_no", po.mchOrderNo());
                            m.put("transaction_id", po.transactionId());
                            m.put("product_id", po.productId());
                            return m;
                        }
                    }
                    return error(
                            90000,
                            "order does not exist: no purchase order " + Text.clip(trade) + " with biz_id " + biz
                                    + " for this player");
                });
            default -> throw new IllegalStateException(route.endpoint());
        };
    }

    // ------------------------------------------------------------------------------------------------ shared

    private static Map<String, Object> receipt(String billNo, Bank.Outcome o, String presentField) {
        Map<String, Object> m = ok();
        m.put("bill_no", billNo);
        if (o != null) {
            m.put("balance", o.balance());
            if (presentField != null) {
                m.put(presentField, o.presentUsed());
            }
        }
        return m;
    }

    private static Map<String, Object> parse(byte[] bytes) {
        try {
            return JsonTree.parseObject(bytes);
        } catch (JsonTree.DuplicateKey e) {
            throw new Refusal(
                    90018,
                    "[" + Text.clip(e.key()) + "] " + Text.clip(e.key())
                            + " appears more than once in the body; send each field once");
        } catch (JsonTree.Malformed e) {
            throw new Refusal(47001, "data format error: the body must be a JSON object (" + e.getMessage() + ")");
        }
    }

    /**
     * The access token, checked before the body is read (API.md section 1): null when it is right, else the answer.
     */
    Answer checkToken(Route route, Map<String, String> query) {
        try {
            checkAccessToken(query);
            return null;
        } catch (Refusal r) {
            LOG.info("{} {} -> {} {}", route.version().label(), route.path(), r.errcode, r.getMessage());
            return new Answer(error(r.errcode, r.getMessage()));
        }
    }

    private String checkAccessToken(Map<String, String> query) {
        String token = query.get("access_token");
        if (token == null || token.isEmpty()) {
            throw new Refusal(41001, "access_token missing from the query");
        }
        if (!Hmac.equal(token, accessToken.get().reveal())) {
            throw new Refusal(40001, "invalid credential, access_token is invalid or not latest");
        }
        return token;
    }

    private static void checkOrderNo(String field, String value, ApiVersion version) {
        OrderNumbers.problem(value, version).ifPresent(problem -> {
            throw new Refusal(90018, "[" + field + "] " + field + " is invalid: " + problem);
        });
    }

    /** Typed access to body fields with WeChat-style 90018 errmsgs. */
    private static final class Body {
        private final Map<String, Object> tree;

        Body(Map<String, Object> tree) {
            this.tree = tree;
        }

        String text(String field) {
            Object v = tree.get(field);
            if (v == null) {
                throw new Refusal(90018, "[" + field + "] " + field + " is missing");
            }
            if (!(v instanceof String s)) {
                throw new Refusal(90018, "field \"" + field + "\" doesn't expect " + typeWord(v) + " value");
            }
            if (s.isEmpty()) {
                throw new Refusal(90018, "[" + field + "] " + field + " is invalid: it must not be empty");
            }
            return s;
        }

        void optionalText(String field) {
            if (tree.containsKey(field)) {
                text(field);
            }
        }

        long number(String field) {
            Object v = tree.get(field);
            if (v == null) {
                throw new Refusal(90018, "[" + field + "] " + field + " is missing");
            }
            if (!(v instanceof JsonTree.Num n)) {
                throw new Refusal(90018, "field \"" + field + "\" doesn't expect " + typeWord(v) + " value");
            }
            Long value = n.asLong();
            if (value == null) {
                throw new Refusal(
                        90018,
                        "[" + field + "] " + field + " is invalid: it must be a whole number, got "
                                + Text.clip(n.text()));
            }
            return value;
        }

        /** A parameter's signed text: a string as is, a number as written. */
        String raw(String field) {
            Object v = tree.get(field);
            if (v instanceof String s) {
                return s;
            }
            if (v instanceof JsonTree.Num n) {
                return n.text();
            }
            throw new Refusal(90018, "field \"" + field + "\" doesn't expect " + typeWord(v) + " value");
        }

        /** The JSON type with its article, as WeChat writes it: "an uint32", "a string". */
        private static String typeWord(Object v) {
            String type = JsonTree.typeName(v);
            return (type.startsWith("u") || type.startsWith("i") || type.startsWith("o") || type.startsWith("a")
                            ? "an "
                            : "a ")
                    + type;
        }
    }
}
