package dev.midasbridge.core.operation;

import dev.midasbridge.core.order.OrderNo;

/** A successful grant: its order number and the balance after it. */
public record GrantReceipt(OrderNo orderNo, long balance) {
}
