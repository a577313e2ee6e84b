package dev.midasbridge.core.operation;

import dev.midasbridge.core.player.Player;
import java.util.Objects;
import java.util.Optional;

/** Ask for a player's balance. {@code coinType} exists in pay_v2 only. */
public record BalanceQuery(Player player, Optional<String> userIp, Optional<CoinType> coinType) implements Operation {
    public BalanceQuery {
        Checks.required("player", player);
        Checks.optionalText("user_ip", userIp);
        Objects.requireNonNull(coinType, "coin_type");
    }

    public static BalanceQuery of(Player player) {
        return new BalanceQuery(player, Optional.empty(), Optional.empty());
    }

    public BalanceQuery withUserIp(String ip) {
        return new BalanceQuery(player, Optional.ofNullable(ip), coinType);
    }

    public BalanceQuery withCoinType(CoinType type) {
        return new BalanceQuery(player, userIp, Optional.ofNullable(type));
    }

    @Override
    public String endpoint() {
        return "getbalance";
    }
}
