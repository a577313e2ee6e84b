package dev.midasbridge.midas.v1.internal.wire;

import com.squareup.moshi.Json;
import java.util.Map;

/** The body of {@code /cgi-bin/midas/pay}: the common fields, {@code amt}, {@code bill_no} and optional texts. */
public record PayRequest(
        String openid,
        @Json(name = "appid") String appId,
        @Json(name = "offer_id") String offerId,
        Long ts,
        @Json(name = "zone_id") String zoneId,
        String pf,
        @Json(name = "user_ip") String userIp,
        Long amt,
        @Json(name = "bill_no") String billNo,
        @Json(name = "pay_item") String payItem,
        @Json(name = "app_remark") String appRemark,
        String sig,
        @Json(name = "mp_sig") String mpSig)
        implements MidasV1Request {

    @Override
    public String endpoint() {
        return "pay";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = Common.params(openid, appId, offerId, ts, zoneId, pf, userIp);
        m.put("amt", amt);
        m.put("bill_no", billNo);
        Common.putIfPresent(m, "pay_item", payItem);
        Common.putIfPresent(m, "app_remark", appRemark);
        return m;
    }

    @Override
    public PayRequest withSignatures(String sig, String mpSig) {
        return new PayRequest(
                openid, appId, offerId, ts, zoneId, pf, userIp, amt, billNo, payItem, appRemark, sig, mpSig);
    }
}
