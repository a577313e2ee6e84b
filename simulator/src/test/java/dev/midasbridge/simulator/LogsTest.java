package dev.midasbridge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The diagnosis reaches the log too, and neither the log nor the errmsg carries a secret. */
class LogsTest {

    @Test
    void aDiagnosedMismatchIsLoggedWithoutSecrets() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String errmsg;
        try (Wire wire = Wire.start()) {
            String body = Wire.v2Body(Wire.ALICE, 1, Map.of());
            String path = "/wxa/game/getbalance";
            Map<String, Object> a = wire.postV2(
                    path, body, Wire.paySig(path, body, Wire.V2_KEY), Wire.signature(body, Wire.ALICE_KEY), Wire.TOKEN);
            assertEquals(90011, Wire.errcode(a));
            errmsg = Wire.errmsg(a);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("pay_sig used the production key with env 1"), log);
        assertTrue(errmsg.contains("pay_sig used the production key with env 1"), errmsg);
        for (String secret : new String[] {Wire.TOKEN, Wire.V2_KEY, Wire.V2_SANDBOX_KEY, Wire.V1_KEY, Wire.ALICE_KEY}) {
            assertFalse(log.contains(secret), "a secret reached the log");
            assertFalse(errmsg.contains(secret), "a secret reached errmsg");
        }
    }
}
