package dev.midasbridge.midas.v1.internal.wire;

import com.squareup.moshi.Json;
import java.util.Map;

/** The body of {@code /cgi-bin/midas/getbalance}: the common fields only. Null fields are not sent. */
public record GetBalanceRequest(
        String openid,
        @Json(name = "appid") String appId,
        @Json(name = "offer_id") String offerId,
        Long ts,
        @Json(name = "zone_id") String zoneId,
        String pf,
        @Json(name = "user_ip") String userIp,
        String sig,
        @Json(name = "mp_sig") String mpSig)
        implements MidasV1Request {

    @Override
    public String endpoint() {
        return "getbalance";
    }

    @Override
    public Map<String, Object> params() {
        return Common.params(openid, appId, offerId, ts, zoneId, pf, userIp);
    }

    @Override
    public GetBalanceRequest withSignatures(String sig, String mpSig) {
        return new GetBalanceRequest(openid, appId, offerId, ts, zoneId, pf, userIp, sig, mpSig);
    }
}
