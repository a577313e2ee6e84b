package dev.midasbridge.payv2.internal.wire;

import com.squareup.moshi.Json;
import java.util.Map;

/**
 * The body of {@code /wxa/game/cancelpay} (refund): {@code pay_bill_no} is the deduction's order, {@code bill_no}
 * the new refund order, {@code amount} the coins given back (may be partial). pay_v2 has no item field here.
 */
public record CancelPayRequest(
        @Json(name = "offer_id") String offerId,
        @Json(name = "openid") String openid,
        @Json(name = "ts") Long ts,
        @Json(name = "zone_id") String zoneId,
        @Json(name = "env") Long env,
        @Json(name = "pay_bill_no") String payBillNo,
        @Json(name = "bill_no") String billNo,
        @Json(name = "amount") Long amount,
        @Json(name = "user_ip") String userIp)
        implements PayV2Request {

    @Override
    public String endpoint() {
        return "cancelpay";
    }

    @Override
    public Map<String, Object> fields() {
        Fields f = Fields.common(offerId, openid, ts, zoneId, env);
        f.put("pay_bill_no", payBillNo);
        f.put("bill_no", billNo);
        f.put("amount", amount);
        return f.endWith(userIp);
    }
}
