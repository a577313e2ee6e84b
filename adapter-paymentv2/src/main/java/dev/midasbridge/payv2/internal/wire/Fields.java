package dev.midasbridge.payv2.internal.wire;

import java.util.LinkedHashMap;
import java.util.Objects;

/** Builds a request's ordered field map: the common head, the endpoint's fields, user_ip last. */
final class Fields {
    private final LinkedHashMap<String, Object> map = new LinkedHashMap<>();

    private Fields() {}

    static Fields common(String offerId, String openid, Long ts, String zoneId, Long env) {
        Fields f = new Fields();
        f.put("offer_id", offerId);
        f.put("openid", openid);
        f.put("ts", ts);
        f.put("zone_id", zoneId);
        f.put("env", env);
        return f;
    }

    void put(String name, Object value) {
        map.put(name, Objects.requireNonNull(value, name));
    }

    void putIfPresent(String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    LinkedHashMap<String, Object> endWith(String userIp) {
        putIfPresent("user_ip", userIp);
        return map;
    }
}
