package dev.midasbridge.core.operation;

import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.player.Player;
import java.util.Optional;

/** Ask for the state of a purchase order ({@code out_trade_no}); pay_v2 only. */
public record OrderQuery(Player player, String outTradeNo, BizType bizType, Optional<String> userIp)
        implements Operation {
    public OrderQuery {
        Checks.required("player", player);
        if (outTradeNo == null || outTradeNo.isBlank()) {
            throw InvalidInputException.of("out_trade_no", null, "out_trade_no: must not be empty");
        }
        Checks.required("biz_id", bizType);
        Checks.optionalText("user_ip", userIp);
    }

    public static OrderQuery of(Player player, String outTradeNo, BizType bizType) {
        return new OrderQuery(player, outTradeNo, bizType, Optional.empty());
    }

    @Override
    public String endpoint() {
        return "queryorderinfo";
    }
}
