package dev.midasbridge.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Each player's current session_key and the ones it replaced (so that a stale key can be told apart). */
final class Sessions {
    /** A player's keys: the current one and former ones, newest first. */
    record Keys(Secret current, List<Secret> former) {}

    private final Map<String, Keys> byOpenid = new ConcurrentHashMap<>();

    void login(String openid, Secret key) {
        byOpenid.compute(openid, (k, old) -> {
            if (old == null) {
                return new Keys(key, List.of());
            }
            if (old.current().equals(key)) {
                return old;
            }
            List<Secret> former = new ArrayList<>();
            former.add(old.current());
            for (Secret s : old.former()) {
                if (!s.equals(key) && former.size() < 8) {
                    former.add(s);
                }
            }
            return new Keys(key, List.copyOf(former));
        });
    }

    /** The player's keys, or null when the openid never logged in. */
    Keys keys(String openid) {
        return byOpenid.get(openid);
    }
}
