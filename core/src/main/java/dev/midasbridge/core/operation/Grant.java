package dev.midasbridge.core.operation;

import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import java.util.Optional;

/** Grant {@code amount} free (present) coins to a player under order number {@code orderNo}. */
public record Grant(Player player, long amount, OrderNo orderNo, Optional<String> userIp) implements Operation {
    public Grant {
        Checks.required("player", player);
        Checks.positive("amount", amount);
        Checks.required("bill_no", orderNo);
        Checks.optionalText("user_ip", userIp);
    }

    public static Grant of(Player player, long amount, OrderNo orderNo) {
        return new Grant(player, amount, orderNo, Optional.empty());
    }

    public Grant withUserIp(String value) {
        return new Grant(player, amount, orderNo, Optional.ofNullable(value));
    }

    public Grant withOrderNo(OrderNo value) {
        return new Grant(player, amount, value, userIp);
    }

    @Override
    public String endpoint() {
        return "present";
    }
}
