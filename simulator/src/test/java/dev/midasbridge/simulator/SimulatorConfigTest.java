package dev.midasbridge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration file: what it accepts and errors that name the field. */
class SimulatorConfigTest {

    private static InvalidConfigException refused(String json) {
        return assertThrows(InvalidConfigException.class, () -> SimulatorConfig.parse(json));
    }

    @Test
    void theTestConfigurationReadsEveryPart() {
        SimulatorConfig c = SimulatorConfig.parse(Wire.CONFIG);
        assertEquals(Wire.V1_OFFER, c.midasV1().offerId());
        assertEquals(Wire.V1_APPID, c.midasV1().appId());
        assertEquals(Wire.V2_OFFER, c.payV2().offerId());
        assertEquals(Wire.V2_SANDBOX_KEY, c.payV2().sandboxAppKey().reveal());
        assertEquals(3, c.players().size());
        assertEquals(100, c.players().get(0).presentBalance());
        assertEquals("2", c.players().get(2).zoneId());
        assertEquals(Environment.PRODUCTION, c.orders().get(0).environment());
        assertEquals(2, c.orders().get(0).deliverState());
    }

    @Test
    void theDemoConfigurationIsValid() {
        SimulatorConfig demo = SimulatorConfig.demo();
        assertFalse(demo.players().isEmpty());
        assertFalse(demo.midasV1().offerId().equals(demo.payV2().offerId()));
    }

    @Test
    void toStringRevealsNoSecret() {
        SimulatorConfig c = SimulatorConfig.parse(Wire.CONFIG);
        String text = c + " " + c.midasV1() + " " + c.payV2() + " " + c.players();
        for (String secret : new String[] {
            Wire.TOKEN, Wire.V1_KEY, Wire.V1_SANDBOX_KEY, Wire.V2_KEY, Wire.V2_SANDBOX_KEY, Wire.ALICE_KEY
        }) {
            assertFalse(text.contains(secret), text);
        }
    }

    @Test
    void aMissingAccessTokenIsNamed() {
        assertEquals(
                "access_token",
                refused(Wire.CONFIG.replace("\"access_token\"", "\"token\"")).field());
    }

    @Test
    void aMissingKeyIsNamedWithItsSection() {
        InvalidConfigException e = refused(Wire.CONFIG.replace("\"app_key\": \"v1-production-key-ABC\", ", ""));
        assertEquals("midas_v1.app_key", e.field());
        assertTrue(e.getMessage().contains("midas_v1.app_key is missing"), e.getMessage());
    }

    @Test
    void aWrongTypeIsNamedWithItsIndex() {
        InvalidConfigException e =
                refused(Wire.CONFIG.replace("\"session_key\": \"Ym9iLWtleS01Njc4OTA=\"", "\"session_key\": 12"));
        assertEquals("players[1].session_key", e.field());
        assertTrue(e.getMessage().contains("must be a string"), e.getMessage());
    }

    @Test
    void presentBalanceAboveBalanceIsRefused() {
        InvalidConfigException e =
                refused(Wire.CONFIG.replace("\"present_balance\": 100", "\"present_balance\": 1001"));
        assertEquals("players[0].present_balance", e.field());
    }

    @Test
    void aNegativeOrFractionalBalanceIsRefused() {
        assertEquals(
                "players[1].balance",
                refused(Wire.CONFIG.replace("\"balance\": 50", "\"balance\": -50"))
                        .field());
        assertEquals(
                "players[1].balance",
                refused(Wire.CONFIG.replace("\"balance\": 50", "\"balance\": 50.5"))
                        .field());
    }

    @Test
    void theSameOfferForBothVersionsIsRefused() {
        assertEquals(
                "pay_v2.offer_id",
                refused(Wire.CONFIG.replace("\"offer_id\": \"1450000002\"", "\"offer_id\": \"1450000001\""))
                        .field());
    }

    @Test
    void aPlayerWithTwoSessionKeysIsRefused() {
        String twice = Wire.CONFIG.replace(
                "{\"openid\": \"o-carol\", \"session_key\": \"Y2Fyb2wta2V5LTk5OTk=\"",
                "{\"openid\": \"o-alice\", \"session_key\": \"another\"");
        assertEquals("players", refused(twice).field());
    }

    @Test
    void anUnknownFaultKindIsNamed() {
        String bad = Wire.CONFIG.replaceFirst("\"orders\"", "\"faults\": [{\"kind\": \"meteor\"}],\n  \"orders\"");
        InvalidConfigException e = refused(bad);
        assertEquals("faults[0].kind", e.field());
        assertTrue(e.getMessage().contains("busy"), e.getMessage());
    }

    @Test
    void anErrcodeFaultReadsItsCode() {
        String config = Wire.CONFIG.replaceFirst(
                "\"orders\"", "\"faults\": [{\"kind\": \"errcode\", \"errcode\": 90014}],\n  \"orders\"");
        assertEquals(90014, SimulatorConfig.parse(config).faults().get(0).errcode());
        String zero = Wire.CONFIG.replaceFirst(
                "\"orders\"", "\"faults\": [{\"kind\": \"errcode\", \"errcode\": 0}],\n  \"orders\"");
        assertEquals("faults[0].errcode", refused(zero).field());
    }

    @Test
    void notJsonIsRefused() {
        assertEquals("$", refused("access_token = x").field());
    }

    @Test
    void anUnreadableFileIsNamed() {
        InvalidConfigException e =
                assertThrows(InvalidConfigException.class, () -> SimulatorConfig.load(Path.of("does-not-exist.json")));
        assertTrue(e.getMessage().contains("does-not-exist.json"), e.getMessage());
    }
}
