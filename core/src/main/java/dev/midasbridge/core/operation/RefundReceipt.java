package dev.midasbridge.core.operation;

import dev.midasbridge.core.order.OrderNo;

/** A successful refund: the order number the server answered with (v1: the deduction's; v2: the refund's). */
public record RefundReceipt(OrderNo orderNo) {
}
