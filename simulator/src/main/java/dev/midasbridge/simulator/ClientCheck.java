package dev.midasbridge.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client check endpoints, {@code POST /__client/requestMidasPayment} and
 * {@code POST /__client/requestMidasPaymentGameItem}: they take the object a game passes to {@code wx.requestMidasPayment}
 * / {@code wx.requestMidasPaymentGameItem} and the player's openid, and check it as the WeChat client and platform
 * would, answering with the client's error codes (the API pages' error tables): -15001 a parameter missing, -15011 a
 * parameter of the wrong JSON type, -15002 a parameter not valid, -15006 a currency not supported, -15014 paySig
 * wrong, -15012 signature wrong, -15015 session_key expired, -15003 outTradeNo used before.
 *
 * <p>Forms: {@code requestMidasPaymentGameItem} takes {@code signData} (a JSON string), {@code paySig} =
 * hex(HMAC-SHA256(AppKey of env, "requestMidasPaymentGameItem&" + signData)) and {@code signature} =
 * hex(HMAC-SHA256(session_key, signData)). {@code requestMidasPayment} takes either plain parameters (mode "game",
 * env, offerId, currencyType, platform, buyQuantity, zoneId, outTradeNo: the form the official page documents, for
 * midas 1.0 with the 1.0 offer and for virtual payment 2.0 with the 2.0 offer) or the signed form of issue #13
 * (signData/paySig/signature over "requestMidasPayment&" + signData; not on the official page).
 *
 * <p>With {@code "complete": true} the player also pays: a coin purchase credits the coins and pushes
 * {@code minigame_coin_deliver_completed} (2.0 only), an item purchase pushes {@code minigame_game_pay_goods_deliver_notify};
 * each outTradeNo can complete once.
 */
final class ClientCheck {
    static final String PAYMENT = "requestMidasPayment";
    static final String GAME_ITEM = "requestMidasPaymentGameItem";

    /** The outTradeNo rule of the client pages: at most 32 characters. */
    static final int OUT_TRADE_NO_MAX = 32;

    private static final Set<String> REQUEST_KEYS = Set.of("openid", "params", "complete");

    /** An answer: HTTP status and JSON text. */
    record Reply(int status, String json) {}

    /** A check that failed: the client's errCode, the field it names, why. */
    private static final class Fail extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;
        final String field;

        Fail(int code, String field, String message) {
            super(message, null, false, false);
            this.code = code;
            this.field = field;
        }
    }

    private final SimulatorConfig config;
    private final Sessions sessions;
    private final Bank bank;
    private final PushSender sender;
    private final Clock clock;
    private final Set<String> usedOutTradeNos = ConcurrentHashMap.newKeySet();

    ClientCheck(SimulatorConfig config, Sessions sessions, Bank bank, PushSender sender, Clock clock) {
        this.config = config;
        this.sessions = sessions;
        this.bank = bank;
        this.sender = sender;
        this.clock = clock;
        // an item purchase counts as delivered (queryorderinfo deliver_state 2) once the game acknowledged its push
        sender.onDelivered(d -> {
            if (d.request.event().equals(PushRequest.GOODS) && d.request.tamper() == PushRequest.Tamper.NONE) {
                bank.markDelivered(d.request.openid(), d.request.environment(), d.request.outTradeNo(), 2);
            }
        });
    }

    /** Handles {@code POST /__client/<api>} with {@code body}. */
    Reply handle(String api, byte[] body) {
        if (!api.equals(PAYMENT) && !api.equals(GAME_ITEM)) {
            return new Reply(
                    404,
                    error(
                            1000,
                            "$",
                            "no client API " + Text.clip(api) + " (one of " + PAYMENT + ", " + GAME_ITEM + ")"));
        }
        Map<String, Object> request;
        try {
            request = JsonTree.parseObject(body);
        } catch (IllegalArgumentException e) {
            return new Reply(400, error(1000, "$", "the body is not a JSON object: " + e.getMessage()));
        }
        for (String key : request.keySet()) {
            if (!REQUEST_KEYS.contains(key)) {
                return new Reply(
                        400,
                        error(
                                1000,
                                Text.clip(key),
                                "unknown field " + Text.clip(key) + " (known: complete, openid, params)"));
            }
        }
        if (!(request.get("openid") instanceof String openid) || openid.isEmpty()) {
            return new Reply(400, error(1000, "openid", "openid must be a non-empty string: the paying player"));
        }
        if (!(request.get("params") instanceof Map<?, ?> rawParams)) {
            return new Reply(400, error(1000, "params", "params must be the JSON object the game passes to wx." + api));
        }
        Object completeValue = request.getOrDefault("complete", Boolean.FALSE);
        if (!(completeValue instanceof Boolean complete)) {
            return new Reply(400, error(1000, "complete", "complete must be true or false"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) rawParams;
        try {
            Checked c = api.equals(GAME_ITEM) ? signed(api, GAME_ITEM_FIELDS, params, openid) : payment(params, openid);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("errCode", 0L);
            out.put("errMsg", api + ":ok");
            out.put("api", api);
            out.put("form", c.form);
            out.put("version", c.version.label());
            out.put("env", (long) c.env.payV2Env());
            out.put("offer_id", c.offerId);
            out.put("zone_id", c.zoneId);
            out.put("buy_quantity", c.buyQuantity);
            c.outTradeNo.ifPresent(o -> out.put("out_trade_no", o));
            out.put("out_trade_no_filled", c.filled);
            out.put("completed", complete);
            if (complete) {
                complete(api, c, openid, out);
            }
            return new Reply(200, JsonTree.write(out));
        } catch (Fail f) {
            return new Reply(200, fail(api, f));
        }
    }

    /** What a passing check found. */
    private record Checked(
            String form,
            ApiVersion version,
            Environment env,
            String offerId,
            String zoneId,
            long buyQuantity,
            Optional<String> outTradeNo,
            boolean filled,
            Optional<String> productId,
            long goodsPrice,
            String attach) {}

    /** A signData field: name, JSON type ("string" or "number"), required. */
    private record Field(String name, String type, boolean required) {}

    private static final List<Field> GAME_ITEM_FIELDS = List.of(
            new Field("mode", "string", true),
            new Field("offerId", "string", true),
            new Field("buyQuantity", "number", true),
            new Field("env", "number", false),
            new Field("currencyType", "string", true),
            new Field("platform", "string", false),
            new Field("zoneId", "string", false),
            new Field("productId", "string", true),
            new Field("goodsPrice", "number", true),
            new Field("outTradeNo", "string", false),
            new Field("attach", "string", false));

    private static final List<Field> PAYMENT_SIGNED_FIELDS = List.of(
            new Field("mode", "string", false),
            new Field("offerId", "string", true),
            new Field("buyQuantity", "number", true),
            new Field("env", "number", false),
            new Field("currencyType", "string", true),
            new Field("platform", "string", false),
            new Field("zoneId", "string", false),
            new Field("outTradeNo", "string", false),
            new Field("attach", "string", false));

    private static final List<Field> PAYMENT_PLAIN_FIELDS = List.of(
            new Field("mode", "string", true),
            new Field("env", "number", false),
            new Field("offerId", "string", true),
            new Field("currencyType", "string", true),
            new Field("platform", "string", false),
            new Field("buyQuantity", "number", true),
            new Field("zoneId", "string", false),
            new Field("outTradeNo", "string", false));

    private Checked payment(Map<String, Object> params, String openid) throws Fail {
        if (params.containsKey("signData")) {
            return signed(PAYMENT, PAYMENT_SIGNED_FIELDS, params, openid);
        }
        fields(params, PAYMENT_PLAIN_FIELDS, "");
        if (!"game".equals(params.get("mode"))) {
            throw new Fail(
                    -15002,
                    "mode",
                    "mode must be \"game\" (buy game coins), got \"" + Text.clip((String) params.get("mode")) + "\"");
        }
        Environment env = env(params, "");
        String offerId = (String) params.get("offerId");
        ApiVersion version;
        if (offerId.equals(config.midasV1().offerId())) {
            version = ApiVersion.MIDAS_V1;
        } else if (offerId.equals(config.payV2().offerId())) {
            version = ApiVersion.PAY_V2;
        } else {
            throw new Fail(
                    -15002,
                    "offerId",
                    "offerId \"" + Text.clip(offerId) + "\" is neither the app's midas 1.0 offer nor its 2.0 offer");
        }
        common(params, "");
        long quantity = quantity(params, "buyQuantity", "");
        Optional<String> outTradeNo = outTradeNo(params, "");
        boolean filled = outTradeNo.isEmpty() && version == ApiVersion.PAY_V2;
        if (filled) {
            outTradeNo = Optional.of(filledOutTradeNo());
        }
        return new Checked(
                version == ApiVersion.PAY_V2 ? "pay_v2_plain" : "midas_v1_plain",
                version,
                env,
                offerId,
                zone(params),
                quantity,
                outTradeNo,
                filled,
                Optional.empty(),
                0,
                "");
    }

    private Checked signed(String api, List<Field> spec, Map<String, Object> params, String openid) throws Fail {
        String signData = stringParam(params, "signData");
        String paySig = stringParam(params, "paySig");
        String signature = stringParam(params, "signature");
        Map<String, Object> data;
        try {
            data = JsonTree.parseObject(signData.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new Fail(-15002, "signData", "signData is not a JSON object: " + e.getMessage());
        }
        fields(data, spec, "signData.");
        String expectedMode = api.equals(GAME_ITEM) ? "goods" : "game";
        if (data.containsKey("mode") && !expectedMode.equals(data.get("mode"))) {
            throw new Fail(
                    -15002,
                    "signData.mode",
                    "signData.mode must be \"" + expectedMode + "\" for " + api + ", got \""
                            + Text.clip((String) data.get("mode")) + "\"");
        }
        Environment env = env(data, "signData.");
        String offerId = (String) data.get("offerId");
        if (!offerId.equals(config.payV2().offerId())) {
            throw new Fail(
                    -15002,
                    "signData.offerId",
                    offerId.equals(config.midasV1().offerId())
                            ? "signData.offerId is the app's midas 1.0 offer; the signed (virtual payment 2.0) form takes the 2.0 offer"
                            : "signData.offerId \"" + Text.clip(offerId) + "\" is not the app's 2.0 offer");
        }
        common(data, "signData.");
        long quantity = quantity(data, "buyQuantity", "signData.");
        Optional<String> productId = Optional.empty();
        long goodsPrice = 0;
        if (api.equals(GAME_ITEM)) {
            productId = Optional.of((String) data.get("productId"));
            if (productId.get().isEmpty()) {
                throw new Fail(-15002, "signData.productId", "signData.productId must not be empty");
            }
            goodsPrice = quantity(data, "goodsPrice", "signData.");
        }
        checkPaySig(api, env, signData, paySig);
        checkSignature(openid, signData, signature);
        Optional<String> outTradeNo = outTradeNo(data, "signData.");
        boolean filled = outTradeNo.isEmpty();
        if (filled) {
            outTradeNo = Optional.of(filledOutTradeNo());
        }
        return new Checked(
                "pay_v2_signed",
                ApiVersion.PAY_V2,
                env,
                offerId,
                zone(data),
                quantity,
                outTradeNo,
                filled,
                productId,
                goodsPrice,
                data.get("attach") instanceof String a ? a : "");
    }

    private static String stringParam(Map<String, Object> params, String name) throws Fail {
        Object v = params.get(name);
        if (v == null) {
            throw new Fail(-15001, name, name + " is missing");
        }
        if (!(v instanceof String s)) {
            throw new Fail(
                    -15011,
                    name,
                    name + " must be a string, found " + jsType(v)
                            + (name.equals("signData") ? " (pass the exact JSON text that was signed)" : ""));
        }
        if (s.isEmpty()) {
            throw new Fail(-15001, name, name + " is empty");
        }
        return s;
    }

    /** Presence and JSON types, in the table's order. */
    private static void fields(Map<String, Object> data, List<Field> spec, String prefix) throws Fail {
        for (Field f : spec) {
            Object v = data.get(f.name);
            if (v == null || v == JsonTree.NULL) {
                if (f.required) {
                    throw new Fail(-15001, prefix + f.name, prefix + f.name + " is missing");
                }
                continue;
            }
            boolean ok = f.type.equals("string") ? v instanceof String : v instanceof JsonTree.Num;
            if (!ok) {
                throw new Fail(
                        -15011, prefix + f.name, prefix + f.name + " must be a " + f.type + ", found " + jsType(v));
            }
        }
    }

    private static Environment env(Map<String, Object> data, String prefix) throws Fail {
        Object v = data.get("env");
        if (v == null || v == JsonTree.NULL) {
            return Environment.PRODUCTION;
        }
        Long code = ((JsonTree.Num) v).asLong();
        if (code == null || (code != 0 && code != 1)) {
            throw new Fail(-15002, prefix + "env", prefix + "env must be 0 (production) or 1 (sandbox), got " + v);
        }
        return Environment.fromPayV2Env(code);
    }

    private static void common(Map<String, Object> data, String prefix) throws Fail {
        String currency = (String) data.get("currencyType");
        if (!"CNY".equals(currency)) {
            throw new Fail(
                    -15006,
                    prefix + "currencyType",
                    prefix + "currencyType \"" + Text.clip(currency) + "\" is not supported (only CNY)");
        }
        Object platform = data.get("platform");
        if (platform != null && !"android".equals(platform)) {
            throw new Fail(
                    -15002,
                    prefix + "platform",
                    prefix + "platform \"" + Text.clip(String.valueOf(platform)) + "\" is not valid (only android)");
        }
        Object zone = data.get("zoneId");
        if (zone instanceof String z && z.isEmpty()) {
            throw new Fail(-15002, prefix + "zoneId", prefix + "zoneId must not be empty");
        }
    }

    private static String zone(Map<String, Object> data) {
        return data.get("zoneId") instanceof String z ? z : "1";
    }

    private static long quantity(Map<String, Object> data, String name, String prefix) throws Fail {
        JsonTree.Num n = (JsonTree.Num) data.get(name);
        Long v = n.asLong();
        if (v == null || v < 1) {
            throw new Fail(-15002, prefix + name, prefix + name + " must be a whole number of at least 1, got " + n);
        }
        return v;
    }

    private Optional<String> outTradeNo(Map<String, Object> data, String prefix) throws Fail {
        Object v = data.get("outTradeNo");
        if (!(v instanceof String s)) {
            return Optional.empty();
        }
        Optional<String> problem = outTradeNoProblem(s);
        if (problem.isPresent()) {
            throw new Fail(-15002, prefix + "outTradeNo", prefix + "outTradeNo is not valid: " + problem.get());
        }
        return Optional.of(s);
    }

    /**
     * Why {@code value} breaks the client's outTradeNo rule, or empty: 1 to 32 characters of 0-9 A-Z a-z and
     * {@code _ - | * @}, not beginning with {@code _} (wx.requestMidasPaymentGameItem page).
     */
    static Optional<String> outTradeNoProblem(String value) {
        if (value.isEmpty()) {
            return Optional.of("it must not be empty");
        }
        if (value.length() > OUT_TRADE_NO_MAX) {
            return Optional.of(
                    "it has " + value.length() + " characters, at most " + OUT_TRADE_NO_MAX + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= '0' && c <= '9')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || c == '_'
                    || c == '-'
                    || c == '|'
                    || c == '*'
                    || c == '@';
            if (!ok) {
                return Optional.of("character at index " + i + " is not allowed (only 0-9 A-Z a-z _ - | * @)");
            }
        }
        if (value.charAt(0) == '_') {
            return Optional.of("it must not begin with '_' (the platform's own fill-ins do)");
        }
        return Optional.empty();
    }

    /** What the platform fills in when outTradeNo is left out: a value beginning with '_'. */
    private static String filledOutTradeNo() {
        return "_" + PushCrypto.randomText(20);
    }

    private void checkPaySig(String api, Environment env, String signData, String paySig) throws Fail {
        Secret key = config.payV2().key(env);
        String expected = Hmac.hex(key.reveal(), api + "&" + signData);
        if (Hmac.equal(expected, paySig)) {
            return;
        }
        String other = api.equals(PAYMENT) ? GAME_ITEM : PAYMENT;
        Environment otherEnv = env == Environment.PRODUCTION ? Environment.SANDBOX : Environment.PRODUCTION;
        String why;
        if (Hmac.equal(expected.toUpperCase(Locale.ROOT), paySig)) {
            why = "paySig is in uppercase hex; write it in lowercase";
        } else if (Hmac.equal(Hmac.hex(config.payV2().key(otherEnv).reveal(), api + "&" + signData), paySig)) {
            why = "paySig was made with the " + envName(otherEnv) + " AppKey; env " + env.payV2Env() + " needs the "
                    + envName(env) + " one";
        } else if (Hmac.equal(Hmac.hex(config.midasV1().key(env).reveal(), api + "&" + signData), paySig)) {
            why = "paySig was made with the midas 1.0 AppKey; the 2.0 form needs the 2.0 AppKey";
        } else if (Hmac.equal(Hmac.hex(key.reveal(), other + "&" + signData), paySig)) {
            why = "paySig signs \"" + other + "&\" + signData; this is " + api;
        } else if (Hmac.equal(Hmac.hex(key.reveal(), signData), paySig)) {
            why = "paySig signs signData alone; it must sign \"" + api + "&\" + signData";
        } else {
            why = "paySig does not match hex(HMAC-SHA256(AppKey of env " + env.payV2Env() + ", \"" + api
                    + "&\" + signData))";
        }
        throw new Fail(-15014, "paySig", why);
    }

    private void checkSignature(String openid, String signData, String signature) throws Fail {
        Sessions.Keys keys = sessions.keys(openid);
        if (keys == null) {
            throw new Fail(
                    -15015, "signature", "openid " + Text.clip(openid) + " has no session: the player must log in");
        }
        if (Hmac.equal(Hmac.hex(keys.current().reveal(), signData), signature)) {
            return;
        }
        for (Secret former : keys.former()) {
            if (Hmac.equal(Hmac.hex(former.reveal(), signData), signature)) {
                throw new Fail(
                        -15015,
                        "signature",
                        "signature was made with a former session_key: the player logged in again since");
            }
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(keys.current().reveal());
            if (Hmac.equal(Hmac.hex(decoded, signData.getBytes(StandardCharsets.UTF_8)), signature)) {
                throw new Fail(
                        -15012,
                        "signature",
                        "signature was made with the base64-decoded session_key; use the session_key string as is");
            }
        } catch (IllegalArgumentException e) {
            // the session key is not base64: that mistake cannot have been made
        }
        throw new Fail(
                -15012, "signature", "signature does not match hex(HMAC-SHA256(the player's session_key, signData))");
    }

    private void complete(String api, Checked c, String openid, Map<String, Object> out) throws Fail {
        String outTradeNo = c.outTradeNo.orElse("");
        String used = c.version.label() + "\u0000" + outTradeNo;
        if (!outTradeNo.isEmpty() && !usedOutTradeNos.add(used)) {
            throw new Fail(-15003, "outTradeNo", "outTradeNo " + Text.clip(outTradeNo) + " was paid before");
        }
        try {
            pay(api, c, openid, outTradeNo, out);
        } catch (Fail | RuntimeException e) {
            usedOutTradeNos.remove(used); // nothing was paid: the order number stays free
            throw e;
        }
    }

    private void pay(String api, Checked c, String openid, String outTradeNo, Map<String, Object> out) throws Fail {
        long priceFen = sender.settings().map(PushSettings::coinPriceFen).orElse(10L);
        List<Object> pushes = new ArrayList<>();
        PushRequest push = null;
        Optional<String[]> payInfo = payInfo();
        long now = clock.instant().getEpochSecond();
        if (api.equals(PAYMENT)) {
            Bank.Outcome o = bank.recharge(c.version, c.env, openid, c.zoneId, outTradeNo, c.buyQuantity);
            if (!o.ok()) {
                throw new Fail(-15002, "buyQuantity", o.errmsg());
            }
            out.put("balance", o.balance());
            if (c.version == ApiVersion.PAY_V2) {
                long price = c.buyQuantity * priceFen;
                bank.recordPurchase(purchase(openid, c, outTradeNo, 1, 2, now, payInfo.get(), ""));
                push = PushRequest.coinDelivered(
                        new PushRequest.Coin(openid, outTradeNo, c.env, c.zoneId, c.buyQuantity, price, price, payInfo),
                        false);
            }
        } else {
            long price = c.goodsPrice * c.buyQuantity;
            bank.recordPurchase(purchase(openid, c, outTradeNo, 2, 1, now, payInfo.get(), c.productId.orElse("")));
            push = PushRequest.itemDelivered(
                    new PushRequest.Goods(
                            openid,
                            outTradeNo,
                            c.env,
                            c.productId.orElse(""),
                            c.buyQuantity,
                            c.zoneId,
                            price,
                            price,
                            c.attach,
                            1,
                            payInfo),
                    false);
        }
        if (push != null) {
            if (sender.settings().isEmpty()) {
                out.put("push_note", "no push URL is configured: nothing was pushed");
            } else {
                try {
                    for (PushSender.Delivery d : sender.push(push)) {
                        pushes.add(d.id);
                    }
                } catch (IllegalStateException e) {
                    out.put("push_note", e.getMessage());
                }
            }
            out.put("event", push.event());
        }
        out.put("pushes", pushes);
    }

    /** A paid purchase as queryorderinfo reports it: pay_state 2, deliver_state as given. */
    private static SimulatorConfig.PurchaseOrder purchase(
            String openid,
            Checked c,
            String outTradeNo,
            long bizId,
            long deliverState,
            long paidAt,
            String[] payInfo,
            String productId) {
        return new SimulatorConfig.PurchaseOrder(
                openid, c.env, outTradeNo, bizId, 2, deliverState, paidAt, payInfo[0], payInfo[1], productId);
    }

    private static Optional<String[]> payInfo() {
        String tag = PushCrypto.randomText(12);
        return Optional.of(new String[] {"standin-mch-" + tag, "standin-tx-" + tag});
    }

    /** A JSON value's type in JavaScript's words (what the game's code passes). */
    private static String jsType(Object v) {
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof JsonTree.Num) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof Map) {
            return "object";
        }
        if (v instanceof List) {
            return "array";
        }
        return "null";
    }

    private static String envName(Environment env) {
        return env == Environment.PRODUCTION ? "production" : "sandbox";
    }

    private static String fail(String api, Fail f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("errCode", (long) f.code);
        out.put("errMsg", api + ":fail " + f.getMessage());
        out.put("field", f.field);
        out.put("api", api);
        return JsonTree.write(out);
    }

    private static String error(int code, String field, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("errCode", (long) code);
        out.put("errMsg", message);
        out.put("field", field);
        return JsonTree.write(out);
    }
}
