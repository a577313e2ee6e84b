package dev.midasbridge.core.operation;

import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Give back coins taken by the deduction {@code deductionOrderNo}. midas 1.0 refunds the whole deduction
 * (optionally naming its {@code item}); pay_v2 needs a new {@code refundOrderNo} and an {@code amount}, which may
 * be partial (several refunds may add up to the deduction).
 */
public record Refund(
        Player player,
        OrderNo deductionOrderNo,
        Optional<OrderNo> refundOrderNo,
        OptionalLong amount,
        Optional<String> item,
        Optional<String> userIp)
        implements Operation {

    public Refund {
        Checks.required("player", player);
        Checks.required("pay_bill_no", deductionOrderNo);
        Checks.required("refund bill_no", refundOrderNo);
        Checks.positive("amount", amount);
        Checks.optionalText("pay_item", item);
        Checks.optionalText("user_ip", userIp);
    }

    /** A whole refund of {@code deductionOrderNo}, as midas 1.0 does it. */
    public static Refund whole(Player player, OrderNo deductionOrderNo) {
        return new Refund(
                player, deductionOrderNo, Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty());
    }

    /** A refund of {@code amount} under the new order number {@code refundOrderNo}, as pay_v2 does it. */
    public static Refund of(Player player, OrderNo deductionOrderNo, OrderNo refundOrderNo, long amount) {
        return new Refund(
                player,
                deductionOrderNo,
                Optional.of(refundOrderNo),
                OptionalLong.of(amount),
                Optional.empty(),
                Optional.empty());
    }

    public Refund withItem(String value) {
        return new Refund(player, deductionOrderNo, refundOrderNo, amount, Optional.ofNullable(value), userIp);
    }

    public Refund withUserIp(String value) {
        return new Refund(player, deductionOrderNo, refundOrderNo, amount, item, Optional.ofNullable(value));
    }

    public Refund withRefundOrderNo(OrderNo value) {
        return new Refund(player, deductionOrderNo, Optional.ofNullable(value), amount, item, userIp);
    }

    public Refund withAmount(long value) {
        return new Refund(player, deductionOrderNo, refundOrderNo, OptionalLong.of(value), item, userIp);
    }

    @Override
    public String endpoint() {
        return "cancelpay";
    }
}
