package dev.midasbridge.core.operation;

import dev.midasbridge.core.order.OrderNo;

/** A successful deduction: its order number, the balance after it, and how many present coins it used. */
public record DeductionReceipt(OrderNo orderNo, long balance, long presentUsed) {
}
