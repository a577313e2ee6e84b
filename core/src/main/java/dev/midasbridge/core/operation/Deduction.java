package dev.midasbridge.core.operation;

import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import java.util.Optional;

/**
 * Deduct {@code amount} game coins from a player under order number {@code orderNo} (idempotent on it for
 * 48 hours). {@code item} and {@code remark} are optional free texts (v1 pay_item/app_remark, v2 payitem/remark).
 */
public record Deduction(
        Player player,
        long amount,
        OrderNo orderNo,
        Optional<String> item,
        Optional<String> remark,
        Optional<String> userIp)
        implements Operation {

    public Deduction {
        Checks.required("player", player);
        Checks.positive("amount", amount);
        Checks.required("bill_no", orderNo);
        Checks.optionalText("payitem", item);
        Checks.optionalText("remark", remark);
        Checks.optionalText("user_ip", userIp);
    }

    public static Deduction of(Player player, long amount, OrderNo orderNo) {
        return new Deduction(player, amount, orderNo, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Deduction withItem(String value) {
        return new Deduction(player, amount, orderNo, Optional.ofNullable(value), remark, userIp);
    }

    public Deduction withRemark(String value) {
        return new Deduction(player, amount, orderNo, item, Optional.ofNullable(value), userIp);
    }

    public Deduction withUserIp(String value) {
        return new Deduction(player, amount, orderNo, item, remark, Optional.ofNullable(value));
    }

    public Deduction withOrderNo(OrderNo value) {
        return new Deduction(player, amount, value, item, remark, userIp);
    }

    @Override
    public String endpoint() {
        return "pay";
    }
}
