package dev.midasbridge.core.operation;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.order.OrderNo;
import java.util.Objects;

/** A successful refund, as the version that answered reports it: the order number the server answered with (v1: the deduction's; v2: the refund's). */
public record RefundReceipt(OrderNo orderNo, ApiVersion version) implements Receipt {
    public RefundReceipt {
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(version, "version");
    }

    @Override
    public RefundReceipt withOrderNo(OrderNo order) {
        return order.equals(orderNo) ? this : new RefundReceipt(order, version);
    }
}
