package dev.midasbridge.gateway;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.OrderInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The API a game speaks to the gateway, and how answers are written in it: field names of each version
 * (docs/API.md, Response fields) and errcodes mapped by meaning, never by number (90010 and 90016 differ).
 */
enum Dialect {
    MIDAS_V1(ApiVersion.MIDAS_V1, 90009),
    PAY_V2(ApiVersion.PAY_V2, 90010);

    /** The AppKey signature ({@code sig} / {@code pay_sig}) is wrong: 90011 in both versions. */
    static final int APP_SIGNATURE_WRONG = 90011;
    /** Parameter error: 90018 in both versions. */
    static final int PARAMETER_ERROR = 90018;

    static final int SYSTEM_BUSY = -1;

    private final ApiVersion version;
    private final int playerSignatureWrong;

    Dialect(ApiVersion version, int playerSignatureWrong) {
        this.version = version;
        this.playerSignatureWrong = playerSignatureWrong;
    }

    ApiVersion version() {
        return version;
    }

    /** The metric tag: {@code midas_v1} or {@code pay_v2}. */
    String tag() {
        return this == MIDAS_V1 ? "midas_v1" : "pay_v2";
    }

    /** The player-signature errcode: v1 90009 ({@code mp_sig} wrong), v2 90010 ({@code signature} wrong). */
    int playerSignatureWrong() {
        return playerSignatureWrong;
    }

    String playerSignatureMessage() {
        return this == MIDAS_V1 ? "mp_sig invalid" : "signature invalid";
    }

    String appSignatureMessage() {
        return this == MIDAS_V1 ? "sig invalid" : "pay_sig invalid";
    }

    private static Map<String, Object> ok() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errcode", 0);
        m.put("errmsg", "ok");
        return m;
    }

    Map<String, Object> balance(Balance b) {
        Map<String, Object> m = ok();
        m.put("balance", b.balance());
        if (this == MIDAS_V1) {
            m.put("gen_balance", b.presentBalance());
            m.put("first_save", b.firstSave() ? 1 : 0);
            m.put("save_amt", b.sumSave());
            m.put("save_sum", b.sumBalance());
            m.put("cost_sum", b.sumCost());
            m.put("present_sum", b.sumPresent());
        } else {
            m.put("present_balance", b.presentBalance());
            m.put("first_save_flag", b.firstSave() ? 1 : 0);
            m.put("sum_save", b.sumSave());
            m.put("sum_balance", b.sumBalance());
            m.put("sum_cost", b.sumCost());
            m.put("sum_present", b.sumPresent());
        }
        return m;
    }

    Map<String, Object> deduction(String billNo, long balance, long presentUsed) {
        Map<String, Object> m = ok();
        m.put("bill_no", billNo);
        m.put("balance", balance);
        m.put(this == MIDAS_V1 ? "used_gen_amt" : "used_present_amount", presentUsed);
        return m;
    }

    Map<String, Object> refund(String billNo) {
        Map<String, Object> m = ok();
        m.put("bill_no", billNo);
        return m;
    }

    Map<String, Object> grant(String billNo, long balance) {
        Map<String, Object> m = ok();
        m.put("bill_no", billNo);
        m.put("balance", balance);
        return m;
    }

    Map<String, Object> order(OrderInfo o) {
        Map<String, Object> m = ok();
        m.put("pay_state", o.payState());
        m.put("deliver_state", o.deliverState());
        m.put("pay_finish_time", o.payFinishTime());
        m.put("out_trade_no", o.outTradeNo());
        m.put("mch_order_no", o.mchOrderNo());
        m.put("transaction_id", o.transactionId());
        m.put("product_id", o.productId());
        return m;
    }

    /**
     * The answer for a failure of the bridge, in this dialect. An answer from the version the game speaks keeps
     * its errcode and errmsg; one from the other version is mapped by meaning. Failures of the gateway's own
     * credentials upstream (AppKey, offer_id, access token, permission) are not the game's fault and nothing was
     * applied: they answer -1 so that the game retries the same bill_no, with a diagnosis saying so.
     */
    Answer failure(PaymentException e) {
        Optional<ApiVersion> routed = e.version();
        ErrorKind kind = e.kind();
        boolean unknown = kind.outcomeUnknown();
        if (kind.mustFixConfiguration()) {
            return Answer.error(
                    SYSTEM_BUSY,
                    "system error, please retry",
                    routed,
                    Optional.of("upstream refused the gateway's own credentials ("
                            + kind.name().toLowerCase() + "): check the gateway configuration; nothing was applied"),
                    false);
        }
        if (kind == ErrorKind.PLAYER_SIGNATURE_INVALID) {
            return Answer.error(
                    playerSignatureWrong,
                    playerSignatureMessage(),
                    routed,
                    Optional.of("stale session key: upstream rejected the player's session_key; the player logged in"
                            + " again (send the new one in X-Bridge-Session-Key or let jscode2session pass through)"),
                    false);
        }
        if (routed.isPresent()
                && routed.get() == version
                && e.errcode().isPresent()
                && kind != ErrorKind.INVALID_INPUT) {
            return Answer.error(
                    e.errcode().getAsInt(), e.errmsg().orElse(kind.advice()), routed, Optional.empty(), unknown);
        }
        int code = mapped(kind);
        String msg = code == SYSTEM_BUSY
                ? "system busy, please retry with the same bill_no"
                : kind == ErrorKind.INVALID_INPUT ? e.getMessage() : e.errmsg().orElse(kind.advice());
        return Answer.error(code, msg, routed, Optional.empty(), unknown);
    }

    private int mapped(ErrorKind kind) {
        if (kind.retrySameOrderSafe() && kind != ErrorKind.ORDER_PROCESSING) {
            return SYSTEM_BUSY;
        }
        return switch (kind) {
            case SESSION_EXPIRED -> this == MIDAS_V1 ? 90010 : 90016;
            case INSUFFICIENT_BALANCE -> 90013;
            case DUPLICATE_ORDER -> 90012;
            case ORDER_NOT_FOUND -> 90000;
            case ORDER_ALREADY_CONFIRMED -> this == MIDAS_V1 ? 90014 : PARAMETER_ERROR;
            case ORDER_ALREADY_ROLLED_BACK -> this == MIDAS_V1 ? 90015 : PARAMETER_ERROR;
            case ORDER_PROCESSING -> this == MIDAS_V1 ? 90016 : SYSTEM_BUSY;
            case INVALID_PARAMETER, INVALID_INPUT, NOT_SUPPORTED -> PARAMETER_ERROR;
            default -> SYSTEM_BUSY;
        };
    }
}
