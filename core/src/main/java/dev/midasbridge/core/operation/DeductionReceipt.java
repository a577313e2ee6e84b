package dev.midasbridge.core.operation;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.order.OrderNo;
import java.util.Objects;

/** A successful deduction, as the version that answered (the {@code version}) reports it: its order number, the balance after it, and how many present coins it used. */
public record DeductionReceipt(OrderNo orderNo, long balance, long presentUsed, ApiVersion version) implements Receipt {
    public DeductionReceipt {
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(version, "version");
    }

    @Override
    public DeductionReceipt withOrderNo(OrderNo order) {
        return order.equals(orderNo) ? this : new DeductionReceipt(order, balance, presentUsed, version);
    }
}
