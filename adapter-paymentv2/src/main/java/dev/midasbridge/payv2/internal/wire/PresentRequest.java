package dev.midasbridge.payv2.internal.wire;

import com.squareup.moshi.Json;
import java.util.Map;

/** The body of {@code /wxa/game/present} (grant free coins): {@code bill_no} and {@code amount}. */
public record PresentRequest(
        @Json(name = "offer_id") String offerId,
        @Json(name = "openid") String openid,
        @Json(name = "ts") Long ts,
        @Json(name = "zone_id") String zoneId,
        @Json(name = "env") Long env,
        @Json(name = "bill_no") String billNo,
        @Json(name = "amount") Long amount,
        @Json(name = "user_ip") String userIp)
        implements PayV2Request {

    @Override
    public String endpoint() {
        return "present";
    }

    @Override
    public Map<String, Object> fields() {
        Fields f = Fields.common(offerId, openid, ts, zoneId, env);
        f.put("bill_no", billNo);
        f.put("amount", amount);
        return f.endWith(userIp);
    }
}
