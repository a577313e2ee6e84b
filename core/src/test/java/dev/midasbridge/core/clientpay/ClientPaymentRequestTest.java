package dev.midasbridge.core.clientpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.player.Player;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientPaymentRequestTest {
    private static final Player PLAYER = Player.of("o1", "2");

    @Test
    void anOutTradeNoStartingWithUnderscoreIsRefusedAsPayV2Forbids() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> ClientPaymentRequest.coins(PLAYER, Environment.SANDBOX, 10, "_platform_style", null));
        assertEquals(Optional.of("outTradeNo"), e.field());
        assertEquals(Optional.of(ApiVersion.PAY_V2), e.version());
        assertTrue(e.getMessage().contains("must not begin with '_'"), e.getMessage());
    }

    @Test
    void theClientLimitsOfOutTradeNoAndAttachAreChecked() {
        assertEquals(
                Optional.of("outTradeNo"),
                assertThrows(
                                InvalidInputException.class,
                                () -> ClientPaymentRequest.coins(
                                        PLAYER, Environment.PRODUCTION, 1, "a".repeat(33), null))
                        .field());
        assertEquals(
                Optional.of("attach"),
                assertThrows(
                                InvalidInputException.class,
                                () -> ClientPaymentRequest.coins(
                                        PLAYER, Environment.PRODUCTION, 1, "a".repeat(32), "x".repeat(129)))
                        .field());
        assertEquals(
                Optional.of("buyQuantity"),
                assertThrows(
                                InvalidInputException.class,
                                () -> ClientPaymentRequest.coins(PLAYER, Environment.PRODUCTION, 0, "a1", null))
                        .field());
        assertEquals(
                Optional.of("goodsPrice"),
                assertThrows(
                                InvalidInputException.class,
                                () -> ClientPaymentRequest.item(PLAYER, Environment.PRODUCTION, 1, "a1", "p", 0, null))
                        .field());
    }

    @Test
    void theZoneIsThePlayers() {
        ClientPaymentRequest r =
                ClientPaymentRequest.item(PLAYER, Environment.PRODUCTION, 2, "ord-1", "sword", 600, "x");
        assertEquals("2", r.zoneId());
        assertTrue(r.isItemPurchase());
        MidasV1ClientParams v1 = new MidasV1ClientParams(Environment.SANDBOX, "offer1", 60, "2", r.outTradeNo());
        assertEquals(
                "{mode=game, env=1, offerId=offer1, currencyType=CNY, platform=android, buyQuantity=60, zoneId=2}",
                v1.toClientObject().toString());
    }
}
