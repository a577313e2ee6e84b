package dev.midasbridge.core.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.PushVerificationException;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PushEventTest {
    @Test
    void dedupKeyIsEventAndOutTradeNoOrAHashOfTheEvent() {
        ItemDelivered item = new ItemDelivered(
                PushEvent.ITEM_DELIVERED,
                "{}",
                false,
                Environment.PRODUCTION,
                "o1",
                "t-1",
                "p1",
                1,
                Optional.of("1"),
                OptionalLong.of(100),
                100,
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty());
        assertEquals("minigame_game_pay_goods_deliver_notify:t-1", item.dedupKey());
        UnknownEvent unknown = new UnknownEvent(
                "x_event", "{\"a\":1}", false, Environment.SANDBOX, Optional.empty(), Optional.empty());
        assertTrue(unknown.dedupKey().startsWith("x_event:sha256:"), unknown.dedupKey());
        assertEquals(64, unknown.dedupKey().length() - "x_event:sha256:".length());
    }

    @Test
    void amountsAreValidatedNamingTheField() {
        PushVerificationException e = assertThrows(
                PushVerificationException.class,
                () -> new ItemDelivered(
                        PushEvent.ITEM_DELIVERED,
                        "{}",
                        false,
                        Environment.PRODUCTION,
                        "o1",
                        "t-1",
                        "p1",
                        0,
                        Optional.empty(),
                        OptionalLong.empty(),
                        100,
                        Optional.empty(),
                        OptionalLong.empty(),
                        Optional.empty()));
        assertEquals(Optional.of("GoodsInfo.Quantity"), e.field());
        assertTrue(
                e.getMessage().contains("GoodsInfo.Quantity") && e.getMessage().contains("pay_v2"));
    }
}
