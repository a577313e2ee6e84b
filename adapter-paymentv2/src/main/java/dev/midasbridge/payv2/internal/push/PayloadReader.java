package dev.midasbridge.payv2.internal.push;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.PushVerificationException;
import dev.midasbridge.core.push.CoinDelivered;
import dev.midasbridge.core.push.ItemDelivered;
import dev.midasbridge.core.push.PushEvent;
import dev.midasbridge.core.push.UnknownEvent;
import dev.midasbridge.core.push.WeChatPayInfo;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns a verified {@code Event} and {@code Payload} into a typed {@link PushEvent}, checking each field's type. */
final class PayloadReader {
    private PayloadReader() {}

    /** The payload as a JSON object, or a PAYLOAD failure. */
    static Map<String, Object> object(String payload) {
        Object root;
        try {
            root = JsonTree.parse(payload);
        } catch (JsonTree.Malformed e) {
            throw PushVerificationException.payload(
                    "Payload" + e.path.substring(Math.min(1, e.path.length())), "not valid JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw PushVerificationException.payload("Payload", "must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> cast = (Map<String, Object>) m;
        return cast;
    }

    /** The payload's {@code Env} (a number, or a string "0"/"1"), if it has a valid one. */
    static Optional<Environment> env(Map<String, Object> payload) {
        Object v = payload.get("Env");
        String text = v instanceof JsonTree.Num n ? n.text() : v instanceof String s ? s.strip() : null;
        if ("0".equals(text)) {
            return Optional.of(Environment.PRODUCTION);
        }
        if ("1".equals(text)) {
            return Optional.of(Environment.SANDBOX);
        }
        return Optional.empty();
    }

    static Environment requireEnv(Map<String, Object> payload) {
        if (!payload.containsKey("Env")) {
            throw PushVerificationException.payload("Env", "missing: must be 0 (production) or 1 (sandbox)");
        }
        return env(payload)
                .orElseThrow(() -> PushVerificationException.payload(
                        "Env", describe(payload.get("Env")) + ": must be 0 (production) or 1 (sandbox)"));
    }

    static PushEvent event(String eventName, String payload, boolean mock, Environment fallbackEnv) {
        Map<String, Object> p = object(payload);
        return switch (eventName) {
            case PushEvent.COIN_DELIVERED -> coin(eventName, payload, mock, p);
            case PushEvent.ITEM_DELIVERED, PushEvent.MALL_ITEM_DELIVERED -> item(eventName, payload, mock, p);
            default ->
                new UnknownEvent(
                        eventName,
                        payload,
                        mock,
                        p.containsKey("Env") ? requireEnv(p) : fallbackEnv,
                        optText(p, "OutTradeNo", "OutTradeNo"),
                        optText(p, "OpenId", "OpenId"));
        };
    }

    private static CoinDelivered coin(String eventName, String payload, boolean mock, Map<String, Object> p) {
        Environment env = requireEnv(p);
        String openId = text(p, "OpenId", "OpenId");
        String outTradeNo = text(p, "OutTradeNo", "OutTradeNo");
        Map<String, Object> coin = optObject(p, "CoinInfo", "CoinInfo");
        return new CoinDelivered(
                eventName,
                payload,
                mock,
                env,
                openId,
                outTradeNo,
                optLong(coin, "Quantity", "CoinInfo.Quantity"),
                optLong(coin, "OrigPrice", "CoinInfo.OrigPrice"),
                optLong(coin, "ActualPrice", "CoinInfo.ActualPrice"),
                optId(coin, "ZoneId", "CoinInfo.ZoneId"),
                optText(coin, "Attach", "CoinInfo.Attach"),
                weChatPay(p));
    }

    private static ItemDelivered item(String eventName, String payload, boolean mock, Map<String, Object> p) {
        Environment env = requireEnv(p);
        String openId = text(p, "OpenId", "OpenId");
        String outTradeNo = text(p, "OutTradeNo", "OutTradeNo");
        Map<String, Object> goods = optObject(p, "GoodsInfo", "GoodsInfo");
        if (goods == null) {
            throw PushVerificationException.payload("GoodsInfo", "missing: the item to deliver");
        }
        return new ItemDelivered(
                eventName,
                payload,
                mock,
                env,
                openId,
                outTradeNo,
                text(goods, "ProductId", "GoodsInfo.ProductId"),
                longValue(goods, "Quantity", "GoodsInfo.Quantity"),
                optId(goods, "ZoneId", "GoodsInfo.ZoneId"),
                optLong(goods, "OrigPrice", "GoodsInfo.OrigPrice"),
                longValue(goods, "ActualPrice", "GoodsInfo.ActualPrice"),
                optText(goods, "Attach", "GoodsInfo.Attach"),
                optLong(goods, "OrderSource", "GoodsInfo.OrderSource"),
                weChatPay(p));
    }

    private static Optional<WeChatPayInfo> weChatPay(Map<String, Object> p) {
        Map<String, Object> w = optObject(p, "WeChatPayInfo", "WeChatPayInfo");
        if (w == null) {
            return Optional.empty();
        }
        return Optional.of(new WeChatPayInfo(
                optText(w, "MchOrderNo", "WeChatPayInfo.MchOrderNo"),
                optText(w, "TransactionId", "WeChatPayInfo.TransactionId"),
                optLong(w, "PaidTime", "WeChatPayInfo.PaidTime")));
    }

    private static String text(Map<String, Object> m, String name, String field) {
        Object v = m.get(name);
        if (v == null) {
            throw PushVerificationException.payload(field, "missing");
        }
        if (!(v instanceof String s)) {
            throw PushVerificationException.payload(field, describe(v) + ": must be a string");
        }
        if (s.isEmpty()) {
            throw PushVerificationException.payload(field, "must not be empty");
        }
        return s;
    }

    private static Optional<String> optText(Map<String, Object> m, String name, String field) {
        if (m == null || m.get(name) == null) {
            return Optional.empty();
        }
        if (!(m.get(name) instanceof String s)) {
            throw PushVerificationException.payload(field, describe(m.get(name)) + ": must be a string");
        }
        return Optional.of(s);
    }

    /** An id documented as a string that some senders write as a number: either is kept as text. */
    private static Optional<String> optId(Map<String, Object> m, String name, String field) {
        if (m != null && m.get(name) instanceof JsonTree.Num n) {
            return Optional.of(n.text());
        }
        return optText(m, name, field);
    }

    private static long longValue(Map<String, Object> m, String name, String field) {
        Object v = m.get(name);
        if (v == null) {
            throw PushVerificationException.payload(field, "missing");
        }
        return asLong(v, field);
    }

    private static OptionalLong optLong(Map<String, Object> m, String name, String field) {
        if (m == null || m.get(name) == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(asLong(m.get(name), field));
    }

    private static long asLong(Object v, String field) {
        if (!(v instanceof JsonTree.Num n)) {
            throw PushVerificationException.payload(field, describe(v) + ": must be a number");
        }
        Long l = n.asLong();
        if (l == null) {
            throw PushVerificationException.payload(field, n.text() + ": must be a whole number that fits in 64 bits");
        }
        return l;
    }

    private static Map<String, Object> optObject(Map<String, Object> m, String name, String field) {
        Object v = m.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> o)) {
            throw PushVerificationException.payload(field, describe(v) + ": must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> cast = (Map<String, Object>) o;
        return cast;
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (v instanceof JsonTree.Num n) {
            return "the number " + n.text();
        }
        if (v instanceof Boolean b) {
            return "the boolean " + b;
        }
        return v instanceof Map ? "an object" : "an array";
    }
}
