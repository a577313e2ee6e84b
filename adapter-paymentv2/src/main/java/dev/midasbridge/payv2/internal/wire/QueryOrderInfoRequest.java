package dev.midasbridge.payv2.internal.wire;

import com.squareup.moshi.Json;
import java.util.Map;

/** The body of {@code /wxa/game/queryorderinfo}: {@code out_trade_no} and {@code biz_id} (1 coins, 2 item). */
public record QueryOrderInfoRequest(
        @Json(name = "offer_id") String offerId,
        @Json(name = "openid") String openid,
        @Json(name = "ts") Long ts,
        @Json(name = "zone_id") String zoneId,
        @Json(name = "env") Long env,
        @Json(name = "out_trade_no") String outTradeNo,
        @Json(name = "biz_id") Long bizId,
        @Json(name = "user_ip") String userIp)
        implements PayV2Request {

    @Override
    public String endpoint() {
        return "queryorderinfo";
    }

    @Override
    public Map<String, Object> fields() {
        Fields f = Fields.common(offerId, openid, ts, zoneId, env);
        f.put("out_trade_no", outTradeNo);
        f.put("biz_id", bizId);
        return f.endWith(userIp);
    }
}
