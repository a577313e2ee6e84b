package dev.midasbridge.journal.jdbc;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.OrderInfo;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.operation.RefundReceipt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A payment server in memory for the journal's own tests: deductions apply once per order number, answer with the
 * balance, and say {@link CallContext#beforeSend()} first; with {@link #tokenDown} set, a call fails before anything
 * is sent, as when the access token cannot be fetched.
 */
final class LedgerGateway implements CurrencyGateway {
    final AtomicLong balance = new AtomicLong(1_000_000_000L);
    final ConcurrentHashMap<String, Long> applied = new ConcurrentHashMap<>();
    volatile boolean tokenDown;

    @Override
    public ApiVersion version() {
        return ApiVersion.MIDAS_V1;
    }

    @Override
    public DeductionReceipt deduct(Deduction d, CallContext context) {
        if (tokenDown) {
            throw PaymentException.of(
                    ErrorKind.ACCESS_TOKEN_UNAVAILABLE, version(), null, null, "access token unavailable (test)", null);
        }
        context.beforeSend();
        if (applied.putIfAbsent(d.orderNo().value(), d.amount()) != null) {
            throw PaymentException.of(ErrorKind.DUPLICATE_ORDER, version(), 90012, "order exists", "90012", null);
        }
        return new DeductionReceipt(d.orderNo(), balance.addAndGet(-d.amount()), 0, version());
    }

    @Override
    public Balance balance(BalanceQuery query, CallContext context) {
        context.beforeSend();
        return new Balance(balance.get(), 0, true, 0, 0, 0, 0);
    }

    @Override
    public RefundReceipt refund(Refund refund, CallContext context) {
        throw unsupported();
    }

    @Override
    public GrantReceipt grant(Grant grant, CallContext context) {
        throw unsupported();
    }

    @Override
    public OrderInfo queryOrder(OrderQuery query, CallContext context) {
        throw unsupported();
    }

    private PaymentException unsupported() {
        return PaymentException.of(ErrorKind.NOT_SUPPORTED, version(), null, null, "not in this test", null);
    }
}
