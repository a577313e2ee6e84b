package dev.midasbridge.core.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import org.junit.jupiter.api.Test;

class OperationTest {
    private static final Player PLAYER = Player.of("o1");

    @Test
    void amountsMustBePositive() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> Deduction.of(PLAYER, 0, OrderNo.of("b1")));
        assertEquals("amount 0: must be greater than 0", e.getMessage());
        assertThrows(InvalidInputException.class, () -> Grant.of(PLAYER, -5, OrderNo.of("g1")));
        assertThrows(InvalidInputException.class, () -> Refund.of(PLAYER, OrderNo.of("b1"), OrderNo.of("r1"), 0));
    }

    @Test
    void optionalTextsAreLeftOutRatherThanSentEmpty() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> Deduction.of(PLAYER, 1, OrderNo.of("b1")).withRemark(""));
        assertTrue(e.getMessage().startsWith("remark \"\""), e.getMessage());
    }

    @Test
    void playersNeedAnOpenidAndAZone() {
        assertEquals("1", Player.of("o1").zoneId());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Player.of(" "));
        assertEquals("openid \" \": must not be empty", e.getMessage());
        assertThrows(InvalidInputException.class, () -> Player.of("o1", ""));
    }

    @Test
    void onlyDeductRefundAndGrantMoveCoins() {
        assertTrue(Deduction.of(PLAYER, 1, OrderNo.of("b")).mutates());
        assertTrue(Grant.of(PLAYER, 1, OrderNo.of("b")).mutates());
        assertTrue(Refund.whole(PLAYER, OrderNo.of("b")).mutates());
        assertEquals(false, BalanceQuery.of(PLAYER).mutates());
        assertEquals(false, OrderQuery.of(PLAYER, "t1", BizType.COINS).mutates());
    }
}
