package dev.midasbridge.core.operation;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.order.OrderNo;

/** A coin-moving operation's success, as the version that answered reports it. */
public sealed interface Receipt permits DeductionReceipt, GrantReceipt, RefundReceipt {
    /** The order number the receipt is for. */
    OrderNo orderNo();

    /** The API version that answered. */
    ApiVersion version();

    /** The same receipt for order number {@code order} (e.g. the caller's, when another was sent on the wire). */
    Receipt withOrderNo(OrderNo order);
}
