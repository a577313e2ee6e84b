package dev.midasbridge.midas.v1.internal.wire;

import com.squareup.moshi.Json;
import java.util.Map;

/**
 * The body of {@code /cgi-bin/midas/cancelpay}: the common fields, the deduction's {@code bill_no} and an
 * optional {@code pay_item}. midas 1.0 refunds the whole deduction: there is no amount and no refund order number.
 */
public record CancelPayRequest(
        String openid,
        @Json(name = "appid") String appId,
        @Json(name = "offer_id") String offerId,
        Long ts,
        @Json(name = "zone_id") String zoneId,
        String pf,
        @Json(name = "user_ip") String userIp,
        @Json(name = "bill_no") String billNo,
        @Json(name = "pay_item") String payItem,
        String sig,
        @Json(name = "mp_sig") String mpSig)
        implements MidasV1Request {

    @Override
    public String endpoint() {
        return "cancelpay";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = Common.params(openid, appId, offerId, ts, zoneId, pf, userIp);
        m.put("bill_no", billNo);
        Common.putIfPresent(m, "pay_item", payItem);
        return m;
    }

    @Override
    public CancelPayRequest withSignatures(String sig, String mpSig) {
        return new CancelPayRequest(openid, appId, offerId, ts, zoneId, pf, userIp, billNo, payItem, sig, mpSig);
    }
}
