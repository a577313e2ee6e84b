package dev.midasbridge.engine.journal;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.player.Player;
import java.util.Objects;

/** What identifies an order in the journal: environment, player (openid, zone) and the caller's order number. */
public record JournalKey(Environment environment, String openid, String zoneId, String orderNo) {
    public JournalKey {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(zoneId, "zone_id");
        Objects.requireNonNull(orderNo, "order_no");
    }

    public static JournalKey of(Environment environment, Player player, String orderNo) {
        return new JournalKey(environment, player.openid(), player.zoneId(), orderNo);
    }

    public Player player() {
        return Player.of(openid, zoneId);
    }

    @Override
    public String toString() {
        return environment.name().toLowerCase(java.util.Locale.ROOT) + "/" + openid + "/" + zoneId + "/" + orderNo;
    }
}
