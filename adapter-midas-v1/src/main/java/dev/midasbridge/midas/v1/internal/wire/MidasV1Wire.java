package dev.midasbridge.midas.v1.internal.wire;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Envelope;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.Operation;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.operation.RefundReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Maps between the domain ({@link Envelope}s of operations, and results) and midas 1.0's wire format: request
 * bodies with their exact names and JSON types, paths, and response records. Holds the per-game constants a body
 * carries besides the operation ({@code appid}, {@code offer_id}, {@code pf}).
 *
 * <p>Request bodies list their parameters in this order, optional ones only when present:
 * {@code openid, appid, offer_id, ts, zone_id, pf, [user_ip]}, then per endpoint:
 * getbalance nothing; pay {@code amt, bill_no, [pay_item], [app_remark]}; cancelpay {@code bill_no, [pay_item]};
 * present {@code bill_no, present_counts}. Text values are {@code String}, numbers ({@code ts, amt,
 * present_counts}) {@code Long}.
 *
 * <p>What midas 1.0 cannot express is rejected before sending, naming the field, the rule and {@code midas_v1}:
 * an order query ({@code NOT_SUPPORTED}), a balance {@code coin_type}, a refund amount (v1 refunds the whole
 * deduction). A refund's {@code refundOrderNo} is not sent: midas 1.0 has no refund order number (cancelpay's
 * {@code bill_no} is the deduction's), so it is dropped silently.
 */
public final class MidasV1Wire {
    private static final ApiVersion V1 = ApiVersion.MIDAS_V1;
    private static final Set<String> ENDPOINTS = Set.of("getbalance", "pay", "cancelpay", "present");
    private static final Set<String> COMMON = Set.of("openid", "appid", "offer_id", "ts", "zone_id", "pf", "user_ip");
    /** The errmsg {@code from*} response methods put in a success answer. */
    public static final String OK = "ok";

    private final String appId;
    private final String offerId;
    private final String pf;

    private MidasV1Wire(String appId, String offerId, String pf) {
        this.appId = appId;
        this.offerId = offerId;
        this.pf = pf;
    }

    /** A mapper filling in {@code appid}, {@code offer_id} (the 1.0 offer) and {@code pf} (e.g. "android"). */
    public static MidasV1Wire create(String appId, String offerId, String pf) {
        return new MidasV1Wire(nonBlank("appid", appId), nonBlank("offer_id", offerId), nonBlank("pf", pf));
    }

    private static String nonBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw BodyReader.invalid(
                    field, field + " \"" + (value == null ? "" : value) + "\": midas_v1 requires a non-empty " + field);
        }
        return value;
    }

    /** The body parameters without sig/mp_sig: a LinkedHashMap in the fixed order above, values String or Long. */
    public Map<String, Object> toRequestBody(Envelope<?> envelope) {
        return toRequest(envelope).params();
    }

    /** The request record for {@code envelope}, not yet signed ({@code sig} and {@code mp_sig} null). */
    public MidasV1Request toRequest(Envelope<?> envelope) {
        Objects.requireNonNull(envelope, "envelope");
        Operation op = envelope.operation();
        Player p = op.player();
        long ts = envelope.timestamp();
        if (op instanceof BalanceQuery q) {
            if (q.coinType().isPresent()) {
                throw BodyReader.invalid(
                        "coin_type",
                        "coin_type " + q.coinType().get().code()
                                + ": midas_v1 getbalance has no coin_type (it exists in pay_v2 only)");
            }
            return new GetBalanceRequest(
                    p.openid(), appId, offerId, ts, p.zoneId(), pf, q.userIp().orElse(null), null, null);
        }
        if (op instanceof Deduction d) {
            return new PayRequest(
                    p.openid(),
                    appId,
                    offerId,
                    ts,
                    p.zoneId(),
                    pf,
                    d.userIp().orElse(null),
                    d.amount(),
                    d.orderNo().value(),
                    d.item().orElse(null),
                    d.remark().orElse(null),
                    null,
                    null);
        }
        if (op instanceof Refund r) {
            if (r.amount().isPresent()) {
                throw BodyReader.invalid(
                        "amount",
                        "amount " + r.amount().getAsLong()
                                + ": midas_v1 refunds the whole deduction and takes no amount");
            }
            return new CancelPayRequest(
                    p.openid(),
                    appId,
                    offerId,
                    ts,
                    p.zoneId(),
                    pf,
                    r.userIp().orElse(null),
                    r.deductionOrderNo().value(),
                    r.item().orElse(null),
                    null,
                    null);
        }
        if (op instanceof Grant g) {
            return new PresentRequest(
                    p.openid(),
                    appId,
                    offerId,
                    ts,
                    p.zoneId(),
                    pf,
                    g.userIp().orElse(null),
                    g.orderNo().value(),
                    g.amount(),
                    null,
                    null);
        }
        if (op instanceof OrderQuery) {
            throw notSupported();
        }
        throw new IllegalArgumentException("unknown operation " + op.getClass().getSimpleName());
    }

    /** The rejection for an order query, which midas 1.0 does not have. */
    public static PaymentException notSupported() {
        return PaymentException.of(
                ErrorKind.NOT_SUPPORTED, V1, null, null, "order query is not supported by midas 1.0", null);
    }

    /**
     * Parses a midas 1.0 request body into the domain. Values must be JSON strings ({@code String}) for text
     * fields and integral numbers (any {@code Number} without a fraction, as JSON libraries give Double) for
     * {@code ts}, {@code amt}, {@code present_counts}. {@code sig} and {@code mp_sig} are ignored when present;
     * any other unknown field is rejected. {@code appid}, {@code offer_id} and {@code pf} are required but not
     * part of the domain. cancelpay becomes {@link Refund#whole} (with its {@code pay_item}).
     *
     * @param sandbox whether the body was sent to a {@code /cgi-bin/midas/sandbox/} path
     * @throws InvalidInputException naming the field, the rule and midas_v1
     */
    public static Envelope<?> fromRequestBody(String endpoint, Map<String, ?> body, boolean sandbox) {
        Objects.requireNonNull(body, "body");
        requireEndpoint(endpoint);
        BodyReader in = new BodyReader(endpoint, body);
        in.rejectUnknown(allowedFields(endpoint));
        String openid = in.requiredText("openid");
        in.requiredText("appid");
        in.requiredText("offer_id");
        long ts = in.requiredNumber("ts");
        String zoneId = in.requiredText("zone_id");
        in.requiredText("pf");
        Optional<String> userIp = in.optionalText("user_ip");
        if (openid.isBlank() || !openid.equals(openid.strip())) {
            throw BodyReader.invalid(
                    "openid",
                    "openid \"" + openid + "\": midas_v1 requires a non-empty openid without surrounding white space");
        }
        if (zoneId.isBlank()) {
            throw BodyReader.invalid(
                    "zone_id",
                    "zone_id \"" + zoneId
                            + "\": midas_v1 requires a non-empty zone_id (\"1\" when the game has no zones)");
        }
        if (ts <= 0) {
            throw BodyReader.invalid("ts", "ts " + ts + ": midas_v1 requires a positive UNIX time in seconds");
        }
        Player player = Player.of(openid, zoneId);
        Environment env = sandbox ? Environment.SANDBOX : Environment.PRODUCTION;
        Operation op = switch (endpoint) {
            case "getbalance" -> new BalanceQuery(player, userIp, Optional.empty());
            case "pay" -> {
                long amt = in.positiveNumber("amt");
                OrderNo billNo = OrderNo.forVersion("bill_no", in.requiredText("bill_no"), V1);
                yield new Deduction(
                        player, amt, billNo, in.optionalText("pay_item"), in.optionalText("app_remark"), userIp);
            }
            case "cancelpay" -> {
                OrderNo billNo = OrderNo.forVersion("bill_no", in.requiredText("bill_no"), V1);
                yield new Refund(
                        player, billNo, Optional.empty(), OptionalLong.empty(), in.optionalText("pay_item"), userIp);
            }
            case "present" -> {
                OrderNo billNo = OrderNo.forVersion("bill_no", in.requiredText("bill_no"), V1);
                long counts = in.positiveNumber("present_counts");
                yield new Grant(player, counts, billNo, userIp);
            }
            default -> throw new IllegalStateException(endpoint);
        };
        return new Envelope<>(op, env, ts);
    }

    /** As {@link #fromRequestBody}, for a request record (its signatures are ignored). */
    public static Envelope<?> fromRequest(MidasV1Request request, boolean sandbox) {
        return fromRequestBody(request.endpoint(), request.params(), sandbox);
    }

    private static Set<String> allowedFields(String endpoint) {
        Set<String> extra = switch (endpoint) {
            case "pay" -> Set.of("amt", "bill_no", "pay_item", "app_remark");
            case "cancelpay" -> Set.of("bill_no", "pay_item");
            case "present" -> Set.of("bill_no", "present_counts");
            default -> Set.of();
        };
        java.util.HashSet<String> all = new java.util.HashSet<>(COMMON);
        all.addAll(extra);
        return all;
    }

    /** "/cgi-bin/midas/pay" or "/cgi-bin/midas/sandbox/pay". */
    public static String path(String endpoint, Environment environment) {
        requireEndpoint(endpoint);
        Objects.requireNonNull(environment, "environment");
        boolean sandbox = environment == Environment.SANDBOX;
        return switch (endpoint) {
            case "pay" -> sandbox ? "/cgi-bin/midas/sandbox/pay" : "/cgi-bin/midas/pay";
            case "getbalance" -> sandbox ? "/cgi-bin/midas/sandbox/getbalance" : "/cgi-bin/midas/getbalance";
            case "cancelpay" -> sandbox ? "/cgi-bin/midas/sandbox/cancelpay" : "/cgi-bin/midas/cancelpay";
            default -> sandbox ? "/cgi-bin/midas/sandbox/" + endpoint : "/cgi-bin/midas/" + endpoint;
        };
    }

    private static void requireEndpoint(String endpoint) {
        if ("queryorderinfo".equals(endpoint)) {
            throw notSupported();
        }
        if (endpoint == null || !ENDPOINTS.contains(endpoint)) {
            throw BodyReader.invalid(
                    "endpoint", "endpoint \"" + endpoint + "\": midas_v1 has getbalance, pay, cancelpay and present");
        }
    }

    // ---- responses: the from* methods build success answers (errcode 0, errmsg "ok") ----

    /**
     * The balance a successful getbalance answer reports.
     *
     * @throws PaymentException MALFORMED_RESPONSE if a field a success always carries is missing or out of range
     * @throws IllegalArgumentException if {@code errcode} is not 0 (classify it with the errcode table first)
     */
    public static Balance toBalance(GetBalanceResponse r) {
        requireSuccess(r);
        long firstSave = need("first_save", r.firstSave());
        if (firstSave != 0 && firstSave != 1) {
            throw malformed("first_save " + firstSave + " is neither 0 nor 1");
        }
        return new Balance(
                need("balance", r.balance()),
                need("gen_balance", r.genBalance()),
                firstSave == 1,
                need("save_amt", r.saveAmt()),
                need("save_sum", r.saveSum()),
                need("cost_sum", r.costSum()),
                need("present_sum", r.presentSum()));
    }

    /** The success answer reporting {@code b}. */
    public static GetBalanceResponse fromBalance(Balance b) {
        return new GetBalanceResponse(
                0L,
                OK,
                b.balance(),
                b.presentBalance(),
                b.firstSave() ? 1L : 0L,
                b.sumSave(),
                b.sumBalance(),
                b.sumCost(),
                b.sumPresent());
    }

    /** The receipt a successful pay answer reports; throws as {@link #toBalance}. */
    public static DeductionReceipt toDeductionReceipt(PayResponse r) {
        requireSuccess(r);
        return new DeductionReceipt(
                orderNo(r.billNo()), need("balance", r.balance()), need("used_gen_amt", r.usedGenAmt()), V1);
    }

    /** The success answer reporting {@code d}. */
    public static PayResponse fromDeductionReceipt(DeductionReceipt d) {
        return new PayResponse(0L, OK, d.orderNo().value(), d.balance(), d.presentUsed());
    }

    /** The receipt a successful cancelpay answer reports (the deduction's order number); throws as {@link #toBalance}. */
    public static RefundReceipt toRefundReceipt(CancelPayResponse r) {
        requireSuccess(r);
        return new RefundReceipt(orderNo(r.billNo()), V1);
    }

    /** The success answer reporting {@code r}. */
    public static CancelPayResponse fromRefundReceipt(RefundReceipt r) {
        return new CancelPayResponse(0L, OK, r.orderNo().value());
    }

    /** The receipt a successful present answer reports; throws as {@link #toBalance}. */
    public static GrantReceipt toGrantReceipt(PresentResponse r) {
        requireSuccess(r);
        return new GrantReceipt(orderNo(r.billNo()), need("balance", r.balance()), V1);
    }

    /** The success answer reporting {@code g}. */
    public static PresentResponse fromGrantReceipt(GrantReceipt g) {
        return new PresentResponse(0L, OK, g.orderNo().value(), g.balance());
    }

    private static void requireSuccess(MidasV1Response r) {
        Objects.requireNonNull(r, "response");
        long errcode = need("errcode", r.errcode());
        if (errcode != 0) {
            throw new IllegalArgumentException("errcode " + errcode
                    + " is not a success: classify it with MidasV1Errcodes before reading the result");
        }
    }

    private static long need(String field, Long value) {
        if (value == null) {
            throw malformed("the answer lacks " + field);
        }
        return value;
    }

    private static OrderNo orderNo(String billNo) {
        if (billNo == null) {
            throw malformed("the answer lacks bill_no");
        }
        try {
            return OrderNo.of(billNo); // the answer's one check
        } catch (InvalidInputException e) {
            throw malformed("the answer's bill_no is not a valid midas_v1 order number");
        }
    }

    private static PaymentException malformed(String detail) {
        return PaymentException.of(ErrorKind.MALFORMED_RESPONSE, V1, null, null, detail, null);
    }
}
