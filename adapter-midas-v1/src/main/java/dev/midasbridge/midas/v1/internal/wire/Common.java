package dev.midasbridge.midas.v1.internal.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters every midas 1.0 request starts with, in the order they are sent. */
final class Common {
    private Common() {}

    static LinkedHashMap<String, Object> params(
            String openid, String appId, String offerId, Long ts, String zoneId, String pf, String userIp) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("openid", openid);
        m.put("appid", appId);
        m.put("offer_id", offerId);
        m.put("ts", ts);
        m.put("zone_id", zoneId);
        m.put("pf", pf);
        putIfPresent(m, "user_ip", userIp);
        return m;
    }

    static void putIfPresent(Map<String, Object> m, String name, Object value) {
        if (value != null) {
            m.put(name, value);
        }
    }
}
