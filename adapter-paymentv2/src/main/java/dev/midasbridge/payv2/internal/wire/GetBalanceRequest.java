package dev.midasbridge.payv2.internal.wire;

import com.squareup.moshi.Json;
import java.util.Map;

/** The body of {@code /wxa/game/getbalance}; {@code coin_type} (0 game coins, 1 recharge centre) is optional. */
public record GetBalanceRequest(
        @Json(name = "offer_id") String offerId,
        @Json(name = "openid") String openid,
        @Json(name = "ts") Long ts,
        @Json(name = "zone_id") String zoneId,
        @Json(name = "env") Long env,
        @Json(name = "coin_type") Long coinType,
        @Json(name = "user_ip") String userIp)
        implements PayV2Request {

    @Override
    public String endpoint() {
        return "getbalance";
    }

    @Override
    public Map<String, Object> fields() {
        Fields f = Fields.common(offerId, openid, ts, zoneId, env);
        f.putIfPresent("coin_type", coinType);
        return f.endWith(userIp);
    }
}
