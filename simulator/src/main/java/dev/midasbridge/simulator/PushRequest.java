package dev.midasbridge.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to push: an event with its payload fields (built into the exact {@code Payload} JSON string, field order as on
 * the official pages), or a raw payload for any other event; plus the fault options: a {@link Tamper} and how many
 * identical copies to send. Parsed from {@code POST /__admin/push} by {@link #parse(SimulatorConfig.Node, long)}.
 */
record PushRequest(
        String event,
        String payload,
        Environment environment,
        boolean mock,
        String openid,
        String outTradeNo,
        Optional<String> tamperedPayload,
        Tamper tamper,
        int duplicate,
        Optional<Long> createTime) {

    static final String COIN = "minigame_coin_deliver_completed";
    static final String GOODS = "minigame_game_pay_goods_deliver_notify";
    static final String H5_GOODS = "minigame_h5_goods_deliver_notify";
    static final String REFUND = "minigame_pay_refund_succ_notify";
    static final String RECHARGE_CENTER = "minigame_recharge_center_coin_deliver_completed";

    /** The events whose payload the stand-in builds from fields; any other needs {@code payload}. */
    static final List<String> KNOWN_EVENTS = List.of(COIN, GOODS, H5_GOODS, REFUND, RECHARGE_CENTER);

    /** The most identical copies one request may send. */
    static final int MAX_DUPLICATE = 100;

    /** A deliberate fault in what is sent; every one of them must be refused by a correct receiver. */
    enum Tamper {
        /** Nothing altered. */
        NONE("none"),
        /** {@code PayEventSig} with one hex digit changed. */
        PAY_EVENT_SIG("pay_event_sig"),
        /** The payload changed after signing (a quantity or amount one higher; raw payloads get a space). */
        PAYLOAD("payload"),
        /** {@code PayEventSig} made with the other environment's AppKey. */
        ENV_KEY("env_key"),
        /** The query's {@code signature} (token, timestamp, nonce) with one hex digit changed. */
        SIGNATURE("signature"),
        /** Safe mode: {@code msg_signature} with one hex digit changed. */
        MSG_SIGNATURE("msg_signature"),
        /** Safe mode: one ciphertext byte changed (msg_signature is made over the changed Encrypt). */
        ENCRYPT("encrypt"),
        /** Safe mode: the envelope names another appid (msg_signature valid). */
        APPID("appid");

        private final String wire;

        Tamper(String wire) {
            this.wire = wire;
        }

        String wireName() {
            return wire;
        }

        boolean needsSafeMode() {
            return this == MSG_SIGNATURE || this == ENCRYPT || this == APPID;
        }

        static Tamper of(String name, String path) {
            for (Tamper t : values()) {
                if (t.wire.equals(name)) {
                    return t;
                }
            }
            List<String> names =
                    java.util.Arrays.stream(values()).map(Tamper::wireName).toList();
            throw new InvalidConfigException(path, "must be one of " + names + ", got \"" + Text.clip(name) + "\"");
        }
    }

    /** The keys a push request may hold. */
    static final Set<String> KEYS = Set.of(
            "event",
            "openid",
            "out_trade_no",
            "env",
            "mock",
            "zone_id",
            "buy_quantity",
            "orig_price",
            "actual_price",
            "product_id",
            "quantity",
            "attach",
            "order_source",
            "refund_id",
            "refund_amount",
            "refund_source",
            "mch_order_no",
            "transaction_id",
            "wechat_pay",
            "payload",
            "tamper",
            "duplicate",
            "create_time");

    PushRequest {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(tamperedPayload, "tamperedPayload");
        Objects.requireNonNull(tamper, "tamper");
        Objects.requireNonNull(createTime, "createTime");
    }

    /** Fields of a coin delivery, for {@link #coin}. */
    record Coin(
            String openid,
            String outTradeNo,
            Environment env,
            String zoneId,
            long buyQuantity,
            long origPrice,
            long actualPrice,
            Optional<String[]> weChatPay) {}

    /** Fields of an item delivery, for {@link #goods}. */
    record Goods(
            String openid,
            String outTradeNo,
            Environment env,
            String productId,
            long quantity,
            String zoneId,
            long origPrice,
            long actualPrice,
            String attach,
            long orderSource,
            Optional<String[]> weChatPay) {}

    /** A coin delivery (minigame_coin_deliver_completed) with no fault. */
    static PushRequest coinDelivered(Coin c, boolean mock) {
        return new PushRequest(
                COIN,
                coin(c, 0, true),
                c.env(),
                mock,
                c.openid(),
                c.outTradeNo(),
                Optional.of(coin(c, 1, true)),
                Tamper.NONE,
                1,
                Optional.empty());
    }

    /** An item delivery (minigame_game_pay_goods_deliver_notify) with no fault. */
    static PushRequest itemDelivered(Goods g, boolean mock) {
        return new PushRequest(
                GOODS,
                goods(g, 0),
                g.env(),
                mock,
                g.openid(),
                g.outTradeNo(),
                Optional.of(goods(g, 1)),
                Tamper.NONE,
                1,
                Optional.empty());
    }

    /**
     * The coin payload: {@code {"OpenId","OutTradeNo","WeChatPayInfo"?,"Env","CoinInfo":{"ZoneId"?, "ActualPrice",
     * "TotalPrice","BuyQuantity","OrigPrice"}}}. The event page's table names the paid price {@code ActualPrice}, its
     * examples {@code TotalPrice}: both are sent, with the same value.
     */
    static String coin(Coin c, long extraQuantity, boolean withZone) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("OpenId", c.openid());
        p.put("OutTradeNo", c.outTradeNo());
        c.weChatPay().ifPresent(w -> p.put("WeChatPayInfo", payInfo(w)));
        p.put("Env", (long) c.env().payV2Env());
        Map<String, Object> coin = new LinkedHashMap<>();
        if (withZone) {
            coin.put("ZoneId", c.zoneId());
        }
        coin.put("ActualPrice", c.actualPrice());
        coin.put("TotalPrice", c.actualPrice());
        coin.put("BuyQuantity", c.buyQuantity() + extraQuantity);
        coin.put("OrigPrice", c.origPrice());
        p.put("CoinInfo", coin);
        return JsonTree.write(p);
    }

    /**
     * The item payload, as the message-push page's example: {@code {"OpenId","OutTradeNo","WeChatPayInfo"?,"Env",
     * "GoodsInfo":{"ProductId","Quantity","ZoneId","OrigPrice","ActualPrice","Attach","OrderSource"}}}.
     */
    static String goods(Goods g, long extraQuantity) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("OpenId", g.openid());
        p.put("OutTradeNo", g.outTradeNo());
        g.weChatPay().ifPresent(w -> p.put("WeChatPayInfo", payInfo(w)));
        p.put("Env", (long) g.env().payV2Env());
        Map<String, Object> goods = new LinkedHashMap<>();
        goods.put("ProductId", g.productId());
        goods.put("Quantity", g.quantity() + extraQuantity);
        goods.put("ZoneId", g.zoneId());
        goods.put("OrigPrice", g.origPrice());
        goods.put("ActualPrice", g.actualPrice());
        goods.put("Attach", g.attach());
        goods.put("OrderSource", g.orderSource());
        p.put("GoodsInfo", goods);
        return JsonTree.write(p);
    }

    private static Map<String, Object> payInfo(String[] w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("MchOrderNo", w[0]);
        m.put("TransactionId", w[1]);
        return m;
    }

    /** Parses an admin push request; {@code coinPriceFen} prices coins when no price is given. */
    static PushRequest parse(SimulatorConfig.Node n, long coinPriceFen) {
        Map<String, Object> obj = n.object();
        for (String key : obj.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidConfigException(
                        n.path(key),
                        "is not a push request field (known: "
                                + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String event = n.text("event");
        long envCode = n.optionalLong("env", 0);
        if (envCode != 0 && envCode != 1) {
            throw new InvalidConfigException(n.path("env"), "must be 0 (production) or 1 (sandbox)");
        }
        Environment env = Environment.fromPayV2Env(envCode);
        boolean mock = n.optionalBoolean("mock", false);
        Tamper tamper = Tamper.of(n.optionalText("tamper", "none"), n.path("tamper"));
        long duplicate = n.optionalLong("duplicate", 1);
        if (duplicate < 1 || duplicate > MAX_DUPLICATE) {
            throw new InvalidConfigException(n.path("duplicate"), "must be from 1 to " + MAX_DUPLICATE);
        }
        Optional<Long> createTime =
                obj.containsKey("create_time") ? Optional.of(n.optionalLong("create_time", 0)) : Optional.empty();
        String tag = Long.toString(System.nanoTime(), 36);
        Optional<String[]> weChatPay = n.optionalBoolean("wechat_pay", true)
                ? Optional.of(new String[] {
                    n.optionalText("mch_order_no", "standin-mch-" + tag),
                    n.optionalText("transaction_id", "standin-tx-" + tag)
                })
                : Optional.empty();
        String openid = n.optionalText("openid", "");
        String outTradeNo = n.optionalText("out_trade_no", "");
        if (obj.containsKey("payload")) {
            String raw = n.text("payload");
            String tampered = raw.startsWith("{") ? "{ " + raw.substring(1) : raw + " ";
            // PayEventSig uses the AppKey of the payload's own Env when it names one
            Environment keyEnv = payloadEnv(raw).orElse(env);
            return new PushRequest(
                    event,
                    raw,
                    keyEnv,
                    mock,
                    openid,
                    outTradeNo,
                    Optional.of(tampered),
                    tamper,
                    (int) duplicate,
                    createTime);
        }
        String payload;
        String tampered;
        switch (event) {
            case COIN, RECHARGE_CENTER -> {
                long quantity = positive(n, "buy_quantity", 10);
                long orig = nonNegative(n, "orig_price", quantity * coinPriceFen);
                long actual = nonNegative(n, "actual_price", orig);
                Coin c = new Coin(
                        required(n, "openid"),
                        required(n, "out_trade_no"),
                        env,
                        n.optionalText("zone_id", "1"),
                        quantity,
                        orig,
                        actual,
                        weChatPay);
                boolean zone = event.equals(COIN);
                payload = coin(c, 0, zone);
                tampered = coin(c, 1, zone);
            }
            case GOODS, H5_GOODS -> {
                long quantity = positive(n, "quantity", 1);
                long orig = nonNegative(n, "orig_price", 100);
                long actual = nonNegative(n, "actual_price", orig);
                long source = n.optionalLong("order_source", event.equals(GOODS) ? 1 : 2);
                Goods g = new Goods(
                        required(n, "openid"),
                        required(n, "out_trade_no"),
                        env,
                        required(n, "product_id"),
                        quantity,
                        n.optionalText("zone_id", "1"),
                        orig,
                        actual,
                        obj.containsKey("attach") ? textOrEmpty(n, "attach") : "",
                        source,
                        weChatPay);
                payload = goods(g, 0);
                tampered = goods(g, 1);
            }
            case REFUND -> {
                long amount = positive(n, "refund_amount", 100);
                long source = n.optionalLong("refund_source", 1);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("RefundId", n.optionalText("refund_id", "standin-refund-" + tag));
                p.put("RefundAmount", amount);
                p.put("RefundSource", source);
                p.put("Env", envCode);
                p.put("OutTradeNo", required(n, "out_trade_no"));
                weChatPay.ifPresent(w -> p.put("WeChatPayInfo", payInfo(w)));
                payload = JsonTree.write(p);
                p.put("RefundAmount", amount + 1);
                tampered = JsonTree.write(p);
            }
            default ->
                throw new InvalidConfigException(
                        n.path("payload"),
                        "is needed for event \"" + Text.clip(event) + "\": the stand-in builds payloads only for "
                                + KNOWN_EVENTS);
        }
        return new PushRequest(
                event,
                payload,
                env,
                mock,
                openid,
                outTradeNo,
                Optional.of(tampered),
                tamper,
                (int) duplicate,
                createTime);
    }

    private static Optional<Environment> payloadEnv(String raw) {
        try {
            if (JsonTree.parse(raw) instanceof Map<?, ?> m
                    && m.get("Env") instanceof JsonTree.Num num
                    && num.asLong() != null
                    && (num.asLong() == 0 || num.asLong() == 1)) {
                return Optional.of(Environment.fromPayV2Env(num.asLong()));
            }
        } catch (IllegalArgumentException e) {
            // not JSON: sent as given, signed with the key of "env"
        }
        return Optional.empty();
    }

    private static String required(SimulatorConfig.Node n, String field) {
        return n.text(field);
    }

    private static String textOrEmpty(SimulatorConfig.Node n, String field) {
        Object v = n.object().get(field);
        if (v instanceof String s) {
            return s;
        }
        throw new InvalidConfigException(n.path(field), "must be a string, found " + JsonTree.typeName(v));
    }

    private static long positive(SimulatorConfig.Node n, String field, long fallback) {
        long v = n.optionalLong(field, fallback);
        if (v < 1) {
            throw new InvalidConfigException(n.path(field), "must be at least 1");
        }
        return v;
    }

    private static long nonNegative(SimulatorConfig.Node n, String field, long fallback) {
        long v = n.optionalLong(field, fallback);
        if (v < 0) {
            throw new InvalidConfigException(n.path(field), "must not be negative");
        }
        return v;
    }

    /** A short description for logs and records. */
    String describe() {
        return event + (outTradeNo.isEmpty() ? "" : " " + outTradeNo) + " ("
                + environment.name().toLowerCase(Locale.ROOT) + (mock ? ", mock" : "")
                + (tamper == Tamper.NONE ? "" : ", tamper " + tamper.wireName()) + ")";
    }
}
