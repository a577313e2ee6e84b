package dev.midasbridge.payv2.internal.wire;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import dev.midasbridge.adapter.support.Exchange;
import dev.midasbridge.adapter.support.JsonAnswers;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.BizType;
import dev.midasbridge.core.operation.CoinType;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Envelope;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.Operation;
import dev.midasbridge.core.operation.OrderInfo;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.operation.RefundReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Maps the domain to pay_v2's wire format and back: an {@link Envelope} to the ordered body fields of its endpoint,
 * those fields once into the exact bytes that are signed and sent, a received body back to an envelope, and each
 * endpoint's answer to and from its core result. Every check names the field, the rule and pay_v2.
 *
 * <p>A {@link Refund}'s {@code item} is not sent: pay_v2's cancelpay has no item field (1.0's {@code pay_item} was
 * dropped), so it is silently left out. A refund must carry its new {@code refundOrderNo} (sent as {@code bill_no})
 * and an {@code amount}; the deduction's order number is sent as {@code pay_bill_no}.
 */
public final class PayV2Wire {
    private static final ApiVersion V2 = ApiVersion.PAY_V2;
    private static final String PATH_PREFIX = "/wxa/game/";
    /** The five endpoints, in the order API.md lists them. */
    public static final List<String> ENDPOINTS = List.of("getbalance", "pay", "cancelpay", "present", "queryorderinfo");

    private static final double MAX_EXACT_DOUBLE = 9007199254740992d; // 2^53
    private static final Moshi MOSHI =
            new Moshi.Builder().add(Boolean.class, new FlagAdapter()).build();

    private final String offerId;

    private PayV2Wire(String offerId) {
        this.offerId = offerId;
    }

    /** The mapper for the pay_v2 (2.0) {@code offer_id} that every body carries. */
    public static PayV2Wire forOffer(String offerId) {
        if (offerId == null || offerId.isBlank() || !offerId.equals(offerId.strip())) {
            throw InvalidInputException.of(
                    "offer_id",
                    V2,
                    "offer_id \"" + (offerId == null ? "" : offerId)
                            + "\": pay_v2 needs the 2.0 offer id, non-empty and without surrounding white space");
        }
        return new PayV2Wire(offerId);
    }

    /** The offer id this mapper writes. */
    public String offerId() {
        return offerId;
    }

    /** {@code /wxa/game/<endpoint>}, e.g. {@code /wxa/game/pay}; throws for a name that is not a pay_v2 endpoint. */
    public static String path(String endpoint) {
        requireEndpoint(endpoint);
        return PATH_PREFIX + endpoint;
    }

    // ------------------------------------------------------------------------------------------------ requests

    /**
     * The request record for {@code envelope}: env from its environment, ts from its timestamp. Order numbers
     * must be valid for pay_v2; a refund needs its refund order number and amount.
     */
    PayV2Request toRequest(Envelope<?> envelope) {
        Operation op = envelope.operation();
        Player p = op.player();
        long ts = envelope.timestamp();
        long env = envelope.environment().payV2Env();
        if (op instanceof BalanceQuery q) {
            return new GetBalanceRequest(
                    offerId,
                    p.openid(),
                    ts,
                    p.zoneId(),
                    env,
                    q.coinType().map(c -> (long) c.code()).orElse(null),
                    q.userIp().orElse(null));
        }
        if (op instanceof Deduction d) {
            return new PayRequest(
                    offerId,
                    p.openid(),
                    ts,
                    p.zoneId(),
                    env,
                    d.orderNo().requireValidFor("bill_no", V2).value(),
                    d.amount(),
                    d.item().orElse(null),
                    d.remark().orElse(null),
                    d.userIp().orElse(null));
        }
        if (op instanceof Refund r) {
            String paid =
                    r.deductionOrderNo().requireValidFor("pay_bill_no", V2).value();
            OrderNo refundNo = r.refundOrderNo()
                    .orElseThrow(() -> InvalidInputException.of(
                            "bill_no",
                            V2,
                            "bill_no: pay_v2 cancelpay requires a new refund order number (the deduction's goes in "
                                    + "pay_bill_no); use Refund.of(player, paid, refundNo, amount)"));
            if (r.amount().isEmpty()) {
                throw InvalidInputException.of(
                        "amount", V2, "amount: pay_v2 cancelpay requires the amount to refund (it may be partial)");
            }
            // r.item() is deliberately not sent: pay_v2 cancelpay has no item field.
            return new CancelPayRequest(
                    offerId,
                    p.openid(),
                    ts,
                    p.zoneId(),
                    env,
                    paid,
                    refundNo.requireValidFor("bill_no", V2).value(),
                    r.amount().getAsLong(),
                    r.userIp().orElse(null));
        }
        if (op instanceof Grant g) {
            return new PresentRequest(
                    offerId,
                    p.openid(),
                    ts,
                    p.zoneId(),
                    env,
                    g.orderNo().requireValidFor("bill_no", V2).value(),
                    g.amount(),
                    g.userIp().orElse(null));
        }
        if (op instanceof OrderQuery o) {
            return new QueryOrderInfoRequest(
                    offerId,
                    p.openid(),
                    ts,
                    p.zoneId(),
                    env,
                    o.outTradeNo(),
                    (long) o.bizType().code(),
                    o.userIp().orElse(null));
        }
        throw new IllegalArgumentException(
                "not a pay_v2 operation: " + op.getClass().getName());
    }

    /**
     * The body fields: a LinkedHashMap in a fixed documented order (offer_id, openid, ts, zone_id, env, then the
     * operation's fields, then user_ip when present); values String or Long. env from the envelope's environment.
     * The operation's fields: getbalance {@code coin_type} (when set); pay {@code bill_no, amount, payitem, remark};
     * cancelpay {@code pay_bill_no, bill_no, amount}; present {@code bill_no, amount}; queryorderinfo
     * {@code out_trade_no, biz_id}.
     */
    public Map<String, Object> toRequestFields(Envelope<?> envelope) {
        return toRequest(envelope).fields();
    }

    /**
     * Serializes fields ONCE into the exact bytes to sign and send: compact JSON, UTF-8, non-ASCII not escaped
     * (only {@code "}, {@code \} and control characters are escaped). Values must be String or integral
     * (Long, Integer, Short, Byte, BigInteger); text holding an unpaired surrogate is rejected, since it has no
     * UTF-8 form.
     */
    public static byte[] serialize(Map<String, Object> fields) {
        StringBuilder sb = new StringBuilder(64 + 24 * fields.size()).append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            if (!first) {
                sb.append(',');
            }
            first = false;
            quote(sb, name, name);
            sb.append(':');
            if (v instanceof String s) {
                quote(sb, name, s);
            } else if (v instanceof Long
                    || v instanceof Integer
                    || v instanceof Short
                    || v instanceof Byte
                    || v instanceof BigInteger) {
                sb.append(v);
            } else {
                throw new IllegalArgumentException("field " + name + ": a pay_v2 body holds strings and integers, not "
                        + (v == null ? "null" : v.getClass().getSimpleName()));
            }
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void quote(StringBuilder sb, String field, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw InvalidInputException.of(
                                field,
                                V2,
                                field + ": pay_v2 bodies are UTF-8 and this text holds an unpaired surrogate");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Parses a v2 request body (values String, or any integral Number: Moshi gives Double) into the domain. */
    public static Envelope<?> fromRequestBody(String endpoint, Map<String, ?> body) {
        return fromRequest(parseRequest(endpoint, body));
    }

    /**
     * Reads a v2 request body into its record, checking JSON types only: strings where strings belong, whole
     * numbers where numbers belong, every required field present, no field the endpoint does not have.
     */
    static PayV2Request parseRequest(String endpoint, Map<String, ?> body) {
        requireEndpoint(endpoint);
        if (body == null) {
            throw InvalidInputException.of("body", V2, "body: pay_v2 " + endpoint + " needs a JSON object");
        }
        Body b = new Body(endpoint, body);
        b.onlyKnown(
                switch (endpoint) {
                    case "getbalance" -> Set.of("coin_type");
                    case "pay" -> Set.of("bill_no", "amount", "payitem", "remark");
                    case "cancelpay" -> Set.of("pay_bill_no", "bill_no", "amount");
                    case "present" -> Set.of("bill_no", "amount");
                    default -> Set.of("out_trade_no", "biz_id");
                });
        String offer = b.text("offer_id", true);
        String openid = b.text("openid", true);
        Long ts = b.number("ts", true);
        String zone = b.text("zone_id", true);
        Long env = b.number("env", true);
        String ip = b.text("user_ip", false);
        return switch (endpoint) {
            case "getbalance" -> new GetBalanceRequest(offer, openid, ts, zone, env, b.number("coin_type", false), ip);
            case "pay" ->
                new PayRequest(
                        offer,
                        openid,
                        ts,
                        zone,
                        env,
                        b.text("bill_no", true),
                        b.number("amount", true),
                        b.text("payitem", false),
                        b.text("remark", false),
                        ip);
            case "cancelpay" ->
                new CancelPayRequest(
                        offer,
                        openid,
                        ts,
                        zone,
                        env,
                        b.text("pay_bill_no", true),
                        b.text("bill_no", true),
                        b.number("amount", true),
                        ip);
            case "present" ->
                new PresentRequest(offer, openid, ts, zone, env, b.text("bill_no", true), b.number("amount", true), ip);
            default ->
                new QueryOrderInfoRequest(
                        offer, openid, ts, zone, env, b.text("out_trade_no", true), b.number("biz_id", true), ip);
        };
    }

    /**
     * The envelope a request record asks for, checking values: required fields present, ts positive, env 0 or 1,
     * order numbers valid for pay_v2, amounts above 0, coin_type 0/1, biz_id 1/2. The offer_id is checked
     * (non-empty) but not kept: the domain does not carry it.
     */
    static Envelope<?> fromRequest(PayV2Request request) {
        String ep = request.endpoint();
        return domain(ep, () -> {
            // A record built by hand may lack a required value: fields() throws naming it, reported as missing.
            request.fields();
            if (request instanceof GetBalanceRequest r) {
                Head h = head(ep, r.offerId(), r.openid(), r.ts(), r.zoneId(), r.env());
                Optional<CoinType> coin = r.coinType() == null
                        ? Optional.empty()
                        : Optional.of(code(ep, "coin_type", () -> CoinType.fromCode(r.coinType())));
                return new Envelope<>(new BalanceQuery(h.player, Optional.ofNullable(r.userIp()), coin), h.env, h.ts);
            }
            if (request instanceof PayRequest r) {
                Head h = head(ep, r.offerId(), r.openid(), r.ts(), r.zoneId(), r.env());
                return new Envelope<>(
                        new Deduction(
                                h.player,
                                positive(ep, "amount", r.amount()),
                                OrderNo.forVersion("bill_no", r.billNo(), V2),
                                Optional.ofNullable(r.payitem()),
                                Optional.ofNullable(r.remark()),
                                Optional.ofNullable(r.userIp())),
                        h.env,
                        h.ts);
            }
            if (request instanceof CancelPayRequest r) {
                Head h = head(ep, r.offerId(), r.openid(), r.ts(), r.zoneId(), r.env());
                return new Envelope<>(
                        new Refund(
                                h.player,
                                OrderNo.forVersion("pay_bill_no", r.payBillNo(), V2),
                                Optional.of(OrderNo.forVersion("bill_no", r.billNo(), V2)),
                                OptionalLong.of(positive(ep, "amount", r.amount())),
                                Optional.empty(),
                                Optional.ofNullable(r.userIp())),
                        h.env,
                        h.ts);
            }
            if (request instanceof PresentRequest r) {
                Head h = head(ep, r.offerId(), r.openid(), r.ts(), r.zoneId(), r.env());
                return new Envelope<>(
                        new Grant(
                                h.player,
                                positive(ep, "amount", r.amount()),
                                OrderNo.forVersion("bill_no", r.billNo(), V2),
                                Optional.ofNullable(r.userIp())),
                        h.env,
                        h.ts);
            }
            QueryOrderInfoRequest r = (QueryOrderInfoRequest) request;
            Head h = head(ep, r.offerId(), r.openid(), r.ts(), r.zoneId(), r.env());
            BizType biz = code(ep, "biz_id", () -> BizType.fromCode(r.bizId()));
            return new Envelope<>(
                    new OrderQuery(h.player, r.outTradeNo(), biz, Optional.ofNullable(r.userIp())), h.env, h.ts);
        });
    }

    private record Head(Player player, Environment env, long ts) {}

    private static Head head(String ep, String offer, String openid, Long ts, String zone, Long env) {
        if (offer.isBlank()) {
            throw InvalidInputException.of(
                    "offer_id", V2, "offer_id \"" + offer + "\": pay_v2 " + ep + " requires a non-empty offer id");
        }
        if (ts <= 0) {
            throw InvalidInputException.of("ts", V2, "ts " + ts + ": pay_v2 requires a positive UNIX time in seconds");
        }
        Environment environment = code(ep, "env", () -> Environment.fromPayV2Env(env));
        return new Head(new Player(openid, zone), environment, ts);
    }

    private static long positive(String ep, String field, long value) {
        if (value <= 0) {
            throw InvalidInputException.of(
                    field, V2, field + " " + value + ": pay_v2 " + ep + " requires an amount greater than 0");
        }
        return value;
    }

    private static <T> T code(String ep, String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, V2, e.getMessage() + " (in a pay_v2 " + ep + " body)");
        }
    }

    /** Runs domain constructors, giving their version-less input errors pay_v2's name. */
    private static <T> T domain(String ep, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidInputException e) {
            if (e.version().isPresent()) {
                throw e;
            }
            throw InvalidInputException.of(
                    e.field().orElse(null), V2, e.getMessage() + " (in a pay_v2 " + ep + " body)");
        } catch (NullPointerException e) {
            throw InvalidInputException.of(
                    e.getMessage(), V2, e.getMessage() + ": pay_v2 " + ep + " requires this field");
        }
    }

    private static void requireEndpoint(String endpoint) {
        if (endpoint == null || !ENDPOINTS.contains(endpoint)) {
            throw InvalidInputException.of(
                    "endpoint",
                    V2,
                    "endpoint \"" + endpoint + "\": pay_v2 has getbalance, pay, cancelpay, present and queryorderinfo");
        }
    }

    /** Typed reads of a body map, each error naming the field, the rule and pay_v2. */
    private static final class Body {
        private static final Set<String> COMMON = Set.of("offer_id", "openid", "ts", "zone_id", "env", "user_ip");
        private final String ep;
        private final Map<String, ?> body;

        Body(String ep, Map<String, ?> body) {
            this.ep = ep;
            this.body = body;
        }

        void onlyKnown(Set<String> own) {
            for (Object key : body.keySet()) {
                if (!COMMON.contains(key) && !own.contains(key)) {
                    throw InvalidInputException.of(
                            String.valueOf(key),
                            V2,
                            key + ": not part of a pay_v2 " + ep + " body (pay_v2 rejects unknown fields here)");
                }
            }
        }

        private Object raw(String field, boolean required) {
            Object v = body.get(field);
            if (v == null && body.containsKey(field)) {
                throw InvalidInputException.of(
                        field,
                        V2,
                        field + " null: pay_v2 " + ep + " does not accept null; leave an optional field out instead");
            }
            if (v == null && required) {
                throw InvalidInputException.of(field, V2, field + ": pay_v2 " + ep + " requires this field");
            }
            return v;
        }

        String text(String field, boolean required) {
            Object v = raw(field, required);
            if (v == null || v instanceof String) {
                return (String) v;
            }
            throw InvalidInputException.of(
                    field, V2, field + " " + v + ": pay_v2 " + ep + " expects a JSON string, not " + jsonType(v));
        }

        Long number(String field, boolean required) {
            Object v = raw(field, required);
            if (v == null) {
                return null;
            }
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return ((Number) v).longValue();
            }
            if (v instanceof Number n) {
                if (v instanceof Double || v instanceof Float) {
                    double d = n.doubleValue();
                    if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_DOUBLE) {
                        return (long) d;
                    }
                } else {
                    try {
                        return new BigDecimal(n.toString()).longValueExact();
                    } catch (ArithmeticException | NumberFormatException e) {
                        // reported below
                    }
                }
                throw InvalidInputException.of(
                        field,
                        V2,
                        field + " " + v + ": pay_v2 " + ep
                                + " expects a whole number (an integer that a JSON number holds exactly)");
            }
            throw InvalidInputException.of(
                    field,
                    V2,
                    field + " " + (v instanceof String ? "\"" + v + "\"" : v) + ": pay_v2 " + ep
                            + " expects a JSON number, not " + jsonType(v));
        }

        private static String jsonType(Object v) {
            if (v instanceof String) {
                return "a string";
            }
            if (v instanceof Number) {
                return "a number";
            }
            if (v instanceof Boolean) {
                return "a boolean";
            }
            if (v instanceof Map) {
                return "an object";
            }
            if (v instanceof List) {
                return "an array";
            }
            return v.getClass().getSimpleName();
        }
    }

    // ----------------------------------------------------------------------------------------------- responses

    /** The Moshi instance for pay_v2's records (it reads a flag written as a boolean or as 0/1). */
    static Moshi moshi() {
        return MOSHI;
    }

    /** The answer record type of {@code endpoint}, e.g. {@link PayResponse} for pay. */
    static Class<? extends PayV2Response> responseType(String endpoint) {
        requireEndpoint(endpoint);
        return switch (endpoint) {
            case "getbalance" -> BalanceResponse.class;
            case "pay" -> PayResponse.class;
            case "cancelpay" -> CancelPayResponse.class;
            case "present" -> PresentResponse.class;
            default -> QueryOrderInfoResponse.class;
        };
    }

    /**
     * Reads an answer of type {@code type}; a body that is not a JSON object of the right types, or that lacks
     * {@code errcode}, is a MALFORMED_RESPONSE {@link PaymentException} (never an IOException or Moshi exception).
     */
    public static <T extends PayV2Response> T parseResponse(Class<T> type, String json) {
        String ep = endpointOf(type);
        T value = JsonAnswers.read(V2, ep, MOSHI.adapter(type), json);
        if (value == null) {
            throw Exchange.malformed(V2, ep, "it is JSON null", null);
        }
        if (value.errcode() == null) {
            throw Exchange.malformed(V2, ep, "it lacks \"errcode\"", null);
        }
        return value;
    }

    private static PaymentException missing(String ep, String field) {
        return PaymentException.of(
                ErrorKind.MALFORMED_RESPONSE, V2, 0, null, "the " + ep + " answer lacks \"" + field + "\"", null);
    }

    private static String endpointOf(Class<?> type) {
        for (String ep : ENDPOINTS) {
            if (responseType(ep) == type) {
                return ep;
            }
        }
        return "pay_v2";
    }

    private static void requireSuccess(String ep, PayV2Response r) {
        if (r.errcode() == null) {
            throw missing(ep, "errcode");
        }
        if (r.errcode() != 0) {
            throw new IllegalArgumentException("the " + ep + " answer is an error (errcode " + r.errcode()
                    + "): classify it with PayV2Errcodes before mapping");
        }
    }

    private static <T> T need(String ep, String field, T value) {
        if (value == null) {
            throw missing(ep, field);
        }
        return value;
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }

    private static OrderNo orderNo(String ep, String value) {
        need(ep, "bill_no", value);
        try {
            return OrderNo.forVersion(value, V2); // the answer's one check
        } catch (InvalidInputException e) {
            throw PaymentException.of(
                    ErrorKind.MALFORMED_RESPONSE,
                    V2,
                    0,
                    null,
                    "the " + ep + " answer's bill_no \"" + value + "\" is not a pay_v2 order number",
                    null);
        }
    }

    /**
     * The balance in a getbalance answer. {@code balance} is required (MALFORMED_RESPONSE otherwise); the other
     * sums default to 0 and the first-save flag to false when absent.
     */
    public static Balance toBalance(BalanceResponse r) {
        requireSuccess("getbalance", r);
        Boolean flag = r.firstSaveFlag() != null ? r.firstSaveFlag() : r.firstSave();
        return new Balance(
                need("getbalance", "balance", r.balance()),
                orZero(r.presentBalance()),
                Boolean.TRUE.equals(flag),
                orZero(r.sumSave()),
                orZero(r.sumBalance()),
                orZero(r.sumCost()),
                orZero(r.sumPresent()));
    }

    /** The success answer (errcode 0, errmsg "ok") that reports {@code b}. */
    static BalanceResponse fromBalance(Balance b) {
        return new BalanceResponse(
                0,
                "ok",
                b.balance(),
                b.presentBalance(),
                b.firstSave(),
                null,
                b.sumSave(),
                b.sumBalance(),
                b.sumCost(),
                b.sumPresent());
    }

    /** The receipt in a pay answer; {@code bill_no} and {@code balance} are required, used_present_amount defaults to 0. */
    public static DeductionReceipt toDeductionReceipt(PayResponse r) {
        requireSuccess("pay", r);
        return new DeductionReceipt(
                orderNo("pay", r.billNo()), need("pay", "balance", r.balance()), orZero(r.usedPresentAmount()), V2);
    }

    /** The success answer that reports {@code d}. */
    static PayResponse fromDeductionReceipt(DeductionReceipt d) {
        return new PayResponse(0, "ok", d.orderNo().value(), d.balance(), d.presentUsed());
    }

    /** The receipt in a cancelpay answer; {@code bill_no} (the refund's order number) is required. */
    public static RefundReceipt toRefundReceipt(CancelPayResponse r) {
        requireSuccess("cancelpay", r);
        return new RefundReceipt(orderNo("cancelpay", r.billNo()), V2);
    }

    /** The success answer that reports {@code r}. */
    static CancelPayResponse fromRefundReceipt(RefundReceipt r) {
        return new CancelPayResponse(0, "ok", r.orderNo().value());
    }

    /** The receipt in a present answer; {@code bill_no} and {@code balance} are required. */
    public static GrantReceipt toGrantReceipt(PresentResponse r) {
        requireSuccess("present", r);
        return new GrantReceipt(orderNo("present", r.billNo()), need("present", "balance", r.balance()), V2);
    }

    /** The success answer that reports {@code g}. */
    static PresentResponse fromGrantReceipt(GrantReceipt g) {
        return new PresentResponse(0, "ok", g.orderNo().value(), g.balance());
    }

    /**
     * The order state in a queryorderinfo answer; {@code pay_state} and {@code deliver_state} are required,
     * {@code pay_finish_time} defaults to 0 (not paid) and the identifiers to null when absent.
     */
    public static OrderInfo toOrderInfo(QueryOrderInfoResponse r) {
        requireSuccess("queryorderinfo", r);
        return new OrderInfo(
                need("queryorderinfo", "pay_state", r.payState()),
                need("queryorderinfo", "deliver_state", r.deliverState()),
                orZero(r.payFinishTime()),
                r.outTradeNo(),
                r.mchOrderNo(),
                r.transactionId(),
                r.productId());
    }

    /** The success answer that reports {@code o}. */
    static QueryOrderInfoResponse fromOrderInfo(OrderInfo o) {
        return new QueryOrderInfoResponse(
                0,
                "ok",
                o.payState(),
                o.deliverState(),
                o.payFinishTime(),
                o.outTradeNo(),
                o.mchOrderNo(),
                o.transactionId(),
                o.productId());
    }

    /** Reads a flag written either as a JSON boolean or as the number 0/1. */
    private static final class FlagAdapter extends JsonAdapter<Boolean> {
        @Override
        public Boolean fromJson(JsonReader reader) throws IOException {
            return switch (reader.peek()) {
                case NULL -> reader.nextNull();
                case BOOLEAN -> reader.nextBoolean();
                case NUMBER -> {
                    long n = reader.nextLong();
                    if (n != 0 && n != 1) {
                        throw new JsonDataException("flag " + n + " at " + reader.getPath() + ": expected 0 or 1");
                    }
                    yield n == 1;
                }
                default -> throw new JsonDataException("expected a boolean or 0/1 at " + reader.getPath());
            };
        }

        @Override
        public void toJson(JsonWriter writer, Boolean value) throws IOException {
            if (value == null) {
                writer.nullValue();
            } else {
                writer.value(value);
            }
        }
    }
}
