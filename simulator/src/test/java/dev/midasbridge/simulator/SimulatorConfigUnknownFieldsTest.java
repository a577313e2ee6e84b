package dev.midasbridge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A field the stand-in's configuration does not have is refused, naming its path: a misspelt key would otherwise be
 * ignored and its default used without a word.
 */
class SimulatorConfigUnknownFieldsTest {
    private static final String BASE = """
            {
              "access_token": "t",
              "midas_v1": { "appid": "wx1", "offer_id": "1", "app_key": "k1", "sandbox_app_key": "s1" %s },
              "pay_v2": { "offer_id": "2", "app_key": "k2", "sandbox_app_key": "s2" },
              "players": [ { "openid": "o1", "session_key": "sk1" }, { "openid": "o2", "session_key": "sk2" %s } ],
              "faults": [ { "kind": "busy" %s } ]
              %s
            }
            """;

    private static String config(String v1, String player, String fault, String top) {
        return BASE.formatted(v1, player, fault, top);
    }

    private static String refused(String json) {
        return assertThrows(InvalidConfigException.class, () -> SimulatorConfig.parse(json))
                .field();
    }

    @Test
    void everyKnownFieldIsAccepted() {
        SimulatorConfig c = SimulatorConfig.parse(config(
                "",
                ", \"zone_id\": \"2\", \"balance\": 5, \"present_balance\": 1, \"js_code\": \"c2\"",
                ", \"endpoint\": \"pay\", \"openid\": \"o1\", \"bill_no\": \"b\", \"times\": 2, \"delay_ms\": 1",
                ", \"appid\": \"wx1\", \"app_secret\": \"x\", \"js_code_once\": true, \"orders\": [{\"openid\": \"o1\","
                        + " \"out_trade_no\": \"t1\", \"env\": 0, \"biz_id\": 1, \"pay_state\": 1, \"deliver_state\": 1,"
                        + " \"pay_finish_time\": 0, \"mch_order_no\": \"m\", \"transaction_id\": \"x\","
                        + " \"product_id\": \"p\"}]"));
        assertEquals(2, c.players().size());
        SimulatorConfig.demo(); // and the demo configuration
    }

    @Test
    void malformedJsonIsDescribedWithoutALibrarysAdviceToProgrammers() {
        String message = assertThrows(
                        InvalidConfigException.class,
                        () -> SimulatorConfig.parse("{\"access_token\": \"t\", \"x\": [1,]}"))
                .getMessage();
        assertTrue(message.contains("malformed JSON"), message);
        assertTrue(!message.contains("setLenient"), message);
    }

    @Test
    void anUnknownTopLevelFieldIsRefused() {
        assertEquals("acess_token", refused(config("", "", "", ", \"acess_token\": \"t\"")));
    }

    @Test
    void anUnknownFieldInACredentialSetIsRefused() {
        assertEquals("midas_v1.sandbox_appkey", refused(config(", \"sandbox_appkey\": \"x\"", "", "", "")));
    }

    @Test
    void anUnknownFieldOfAPlayerOrAFaultIsRefusedWithItsIndex() {
        assertEquals("players[1].present", refused(config("", ", \"present\": 3", "", "")));
        String message = assertThrows(
                        InvalidConfigException.class, () -> SimulatorConfig.parse(config("", "", ", \"time\": 2", "")))
                .getMessage();
        assertTrue(message.contains("faults[0].time") && message.contains("times"), message);
    }
}
