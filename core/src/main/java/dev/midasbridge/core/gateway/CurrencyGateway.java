package dev.midasbridge.core.gateway;

import dev.midasbridge.core.ApiVersion;
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

/**
 * The port every API adapter implements: a player's game currency through one API version. Each method
 * returns on success and otherwise throws a {@link dev.midasbridge.core.error.PaymentException} whose kind tells
 * the caller what to do; a timeout or dropped connection on deduct, refund or grant is an
 * {@link dev.midasbridge.core.error.OutcomeUnknownException}, never a plain failure.
 */
public interface CurrencyGateway {
    /** The version this gateway speaks. */
    ApiVersion version();

    /** The player's balance. */
    Balance balance(BalanceQuery query, CallContext context);

    /** Deducts coins; idempotent on the order number for 48 hours. */
    DeductionReceipt deduct(Deduction deduction, CallContext context);

    /** Gives back (part of) a deduction. */
    RefundReceipt refund(Refund refund, CallContext context);

    /** Grants free coins; idempotent on the order number. */
    GrantReceipt grant(Grant grant, CallContext context);

    /** The state of a purchase order; midas 1.0 throws a {@code NOT_SUPPORTED} rejection. */
    OrderInfo queryOrder(OrderQuery query, CallContext context);
}
