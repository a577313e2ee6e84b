package dev.midasbridge.midas.v1.internal.wire;

import com.squareup.moshi.Json;
import java.util.Map;

/** The body of {@code /cgi-bin/midas/present}: the common fields, {@code bill_no} and {@code present_counts}. */
public record PresentRequest(
        String openid,
        @Json(name = "appid") String appId,
        @Json(name = "offer_id") String offerId,
        Long ts,
        @Json(name = "zone_id") String zoneId,
        String pf,
        @Json(name = "user_ip") String userIp,
        @Json(name = "bill_no") String billNo,
        @Json(name = "present_counts") Long presentCounts,
        String sig,
        @Json(name = "mp_sig") String mpSig)
        implements MidasV1Request {

    @Override
    public String endpoint() {
        return "present";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = Common.params(openid, appId, offerId, ts, zoneId, pf, userIp);
        m.put("bill_no", billNo);
        m.put("present_counts", presentCounts);
        return m;
    }

    @Override
    public PresentRequest withSignatures(String sig, String mpSig) {
        return new PresentRequest(openid, appId, offerId, ts, zoneId, pf, userIp, billNo, presentCounts, sig, mpSig);
    }
}
