package dev.midasbridge.gateway;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.BizType;
import dev.midasbridge.core.operation.CoinType;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.Envelope;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.Operation;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A received pay_v2 request body read into the domain, strictly, from docs/API.md (Request fields): text fields must
 * be JSON strings, numbers whole, unknown fields are refused. Failures name the field the way pay_v2 does
 * ({@code [openid] openid is invalid}).
 */
final class PayV2Requests {
    static final List<String> ENDPOINTS = List.of("getbalance", "pay", "cancelpay", "present", "queryorderinfo");
    private static final Set<String> COMMON = Set.of("openid", "offer_id", "ts", "zone_id", "env", "user_ip");

    private PayV2Requests() {}

    /** A field pay_v2 would refuse: errcode 90018, errmsg {@code [field] why}. */
    static final class BadParameter extends Exception {
        final String field;

        BadParameter(String field, String why) {
            super("[" + field + "] " + why);
            this.field = field;
        }
    }

    static Environment environment(Map<String, Object> body) throws BadParameter {
        Object env = body.get("env");
        if (!(env instanceof Long e) || (e != 0 && e != 1)) {
            throw new BadParameter("env", "env is invalid: 0 (production) or 1 (sandbox)");
        }
        return Environment.fromPayV2Env(e);
    }

    static Envelope<?> parse(String endpoint, Map<String, Object> body) throws BadParameter {
        Set<String> allowed = new HashSet<>(COMMON);
        allowed.addAll(
                switch (endpoint) {
                    case "getbalance" -> Set.of("coin_type");
                    case "pay" -> Set.of("amount", "bill_no", "payitem", "remark");
                    case "cancelpay" -> Set.of("pay_bill_no", "bill_no", "amount");
                    case "present" -> Set.of("bill_no", "amount");
                    case "queryorderinfo" -> Set.of("out_trade_no", "biz_id");
                    default -> throw new BadParameter("path", "unknown endpoint");
                });
        for (String k : body.keySet()) {
            if (!allowed.contains(k)) {
                throw new BadParameter(k, k + " is not a field of " + endpoint);
            }
        }
        String openid = text(body, "openid");
        if (openid.isBlank() || !openid.equals(openid.strip())) {
            throw new BadParameter("openid", "openid is invalid");
        }
        text(body, "offer_id");
        long ts = number(body, "ts");
        if (ts <= 0) {
            throw new BadParameter("ts", "ts is invalid");
        }
        String zone = text(body, "zone_id");
        if (zone.isBlank()) {
            throw new BadParameter("zone_id", "zone_id is invalid");
        }
        Environment env = environment(body);
        Optional<String> userIp = optionalText(body, "user_ip");
        Player player = Player.of(openid, zone);
        Operation op = switch (endpoint) {
            case "getbalance" -> {
                OptionalLong coin = optionalNumber(body, "coin_type");
                Optional<CoinType> type = Optional.empty();
                if (coin.isPresent()) {
                    try {
                        type = Optional.of(CoinType.fromCode(coin.getAsLong()));
                    } catch (RuntimeException e) {
                        throw new BadParameter("coin_type", "coin_type is invalid");
                    }
                }
                yield new BalanceQuery(player, userIp, type);
            }
            case "pay" ->
                new Deduction(
                        player,
                        positive(body, "amount"),
                        orderNo(body, "bill_no"),
                        optionalText(body, "payitem"),
                        optionalText(body, "remark"),
                        userIp);
            case "cancelpay" ->
                new Refund(
                        player,
                        orderNo(body, "pay_bill_no"),
                        Optional.of(orderNo(body, "bill_no")),
                        OptionalLong.of(positive(body, "amount")),
                        Optional.empty(),
                        userIp);
            case "present" -> new Grant(player, positive(body, "amount"), orderNo(body, "bill_no"), userIp);
            default -> {
                BizType biz;
                try {
                    biz = BizType.fromCode(number(body, "biz_id"));
                } catch (RuntimeException e) {
                    throw new BadParameter("biz_id", "biz_id is invalid");
                }
                yield new OrderQuery(player, text(body, "out_trade_no"), biz, userIp);
            }
        };
        return new Envelope<>(op, env, ts);
    }

    private static String text(Map<String, Object> body, String field) throws BadParameter {
        Object v = body.get(field);
        if (v == null) {
            throw new BadParameter(field, field + " is required");
        }
        if (!(v instanceof String s)) {
            throw new BadParameter(field, "field \"" + field + "\" must be a JSON string");
        }
        return s;
    }

    private static Optional<String> optionalText(Map<String, Object> body, String field) throws BadParameter {
        return body.containsKey(field) ? Optional.of(text(body, field)) : Optional.empty();
    }

    private static long number(Map<String, Object> body, String field) throws BadParameter {
        Object v = body.get(field);
        if (v == null) {
            throw new BadParameter(field, field + " is required");
        }
        if (!(v instanceof Long n)) {
            throw new BadParameter(field, "field \"" + field + "\" must be a whole JSON number");
        }
        return n;
    }

    private static OptionalLong optionalNumber(Map<String, Object> body, String field) throws BadParameter {
        return body.containsKey(field) ? OptionalLong.of(number(body, field)) : OptionalLong.empty();
    }

    private static long positive(Map<String, Object> body, String field) throws BadParameter {
        long n = number(body, field);
        if (n <= 0) {
            throw new BadParameter(field, field + " must be greater than 0");
        }
        return n;
    }

    private static OrderNo orderNo(Map<String, Object> body, String field) throws BadParameter {
        String v = text(body, field);
        try {
            return OrderNo.forVersion(field, v, ApiVersion.PAY_V2);
        } catch (RuntimeException e) {
            throw new BadParameter(field, field + " is invalid: 1 to 63 of 0-9 A-Z a-z _ -, not beginning with _");
        }
    }
}
