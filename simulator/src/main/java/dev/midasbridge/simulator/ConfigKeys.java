package dev.midasbridge.simulator;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields a stand-in configuration may hold: anything else is refused naming its path (a misspelt
 * {@code sandbox_appkey} would otherwise be ignored and its default used, silently).
 */
final class ConfigKeys {
    static final Set<String> TOP = Set.of(
            "access_token",
            "appid",
            "app_secret",
            "js_code_once",
            "midas_v1",
            "pay_v2",
            "players",
            "orders",
            "faults",
            "push"); // the push section checks its own fields (PushSettings)
    static final Set<String> MIDAS_V1 = Set.of("appid", "offer_id", "app_key", "sandbox_app_key");
    static final Set<String> PAY_V2 = Set.of("offer_id", "app_key", "sandbox_app_key");
    static final Set<String> PLAYER =
            Set.of("openid", "session_key", "zone_id", "balance", "present_balance", "js_code");
    static final Set<String> ORDER = Set.of(
            "openid",
            "env",
            "out_trade_no",
            "biz_id",
            "pay_state",
            "deliver_state",
            "pay_finish_time",
            "mch_order_no",
            "transaction_id",
            "product_id");
    static final Set<String> FAULT = Set.of("kind", "endpoint", "openid", "bill_no", "times", "delay_ms", "errcode");

    private ConfigKeys() {}

    /** Throws {@link InvalidConfigException} for the first field of {@code tree} the configuration does not have. */
    static void check(Object tree) {
        if (!(tree instanceof Map<?, ?> top)) {
            return; // the parser says what the document should be
        }
        only("", top, TOP);
        object("midas_v1", top.get("midas_v1"), MIDAS_V1);
        object("pay_v2", top.get("pay_v2"), PAY_V2);
        array("players", top.get("players"), PLAYER);
        array("orders", top.get("orders"), ORDER);
        array("faults", top.get("faults"), FAULT);
    }

    private static void object(String path, Object value, Set<String> known) {
        if (value instanceof Map<?, ?> m) {
            only(path + ".", m, known);
        }
    }

    private static void array(String path, Object value, Set<String> known) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                object(path + "[" + i + "]", list.get(i), known);
            }
        }
    }

    private static void only(String prefix, Map<?, ?> m, Set<String> known) {
        for (Object key : m.keySet()) {
            if (!known.contains(key)) {
                throw new InvalidConfigException(
                        prefix + key, "is not a configuration field (known here: " + new TreeSet<>(known) + ")");
            }
        }
    }
}
