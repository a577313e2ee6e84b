package dev.midasbridge.core.operation;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.order.OrderNo;
import java.util.Objects;

/** A successful grant, as the version that answered (the {@code version}) reports it: its order number and the balance after it. */
public record GrantReceipt(OrderNo orderNo, long balance, ApiVersion version) implements Receipt {
    public GrantReceipt {
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(version, "version");
    }

    @Override
    public GrantReceipt withOrderNo(OrderNo order) {
        return order.equals(orderNo) ? this : new GrantReceipt(order, balance, version);
    }
}
