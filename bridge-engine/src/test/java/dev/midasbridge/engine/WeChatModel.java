package dev.midasbridge.engine;

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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small model of WeChat's side for the bridge's unit tests: one account per openid shared by both versions,
 * idempotent order numbers (90012 on a repeat), and a script of faults. The end-to-end tests use the real stand-in
 * server and adapters instead.
 */
final class WeChatModel {
    enum Fault {
        /** -1 before applying. */
        BUSY,
        /** Applies, then the answer is lost (timeout). */
        APPLY_THEN_TIMEOUT,
        /** -1 with a configuration errmsg. */
        CONFIG_FAULT,
        /** The player's session expired. */
        SESSION_EXPIRED
    }

    final Map<String, Long> balances = new HashMap<>();
    final Map<String, Long> applied = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final Deque<Fault> faults = new ArrayDeque<>();

    CurrencyGateway gateway(ApiVersion version) {
        return new Gateway(version);
    }

    synchronized long balance(String openid) {
        return balances.getOrDefault(openid, 0L);
    }

    private synchronized <T> T handle(ApiVersion v, String what, String order, String openid, long delta,
            java.util.function.Supplier<T> result) {
        calls.add(v.label() + " " + what + " " + order);
        Fault f = faults.poll();
        if (f == Fault.BUSY) {
            throw PaymentException.of(ErrorKind.SYSTEM_BUSY, v, -1, "system busy", null, null);
        }
        if (f == Fault.CONFIG_FAULT) {
            throw PaymentException.of(ErrorKind.CONFIGURATION_FAULT, v, -1, "1021-1021-0", null, null);
        }
        if (f == Fault.SESSION_EXPIRED) {
            throw PaymentException.of(ErrorKind.SESSION_EXPIRED, v, 90016, "session key expired", null, null);
        }
        if (applied.containsKey(order)) {
            if (order.startsWith("refund-of-")) {
                throw PaymentException.of(ErrorKind.ORDER_ALREADY_ROLLED_BACK, v, 90015, "already rolled back", null,
                        null);
            }
            throw PaymentException.of(ErrorKind.DUPLICATE_ORDER, v, 90012, "order repeated", null, null);
        }
        applied.put(order, delta);
        balances.merge(openid, delta, Long::sum);
        if (f == Fault.APPLY_THEN_TIMEOUT) {
            throw PaymentException.of(ErrorKind.TIMEOUT, v, null, null, "read timed out", null);
        }
        return result.get();
    }

    private final class Gateway implements CurrencyGateway {
        private final ApiVersion version;

        Gateway(ApiVersion version) {
            this.version = version;
        }

        @Override
        public ApiVersion version() {
            return version;
        }

        @Override
        public Balance balance(BalanceQuery q, CallContext c) {
            long b = WeChatModel.this.balance(q.player().openid());
            return new Balance(b, 0, false, 0, 0, 0, 0);
        }

        @Override
        public DeductionReceipt deduct(Deduction d, CallContext c) {
            synchronized (WeChatModel.this) {
                String id = d.player().openid();
                if (!applied.containsKey(d.orderNo().value()) && WeChatModel.this.balance(id) < d.amount()) {
                    throw PaymentException.of(ErrorKind.INSUFFICIENT_BALANCE, version, 90013, "balance not enough",
                            null, null);
                }
                return handle(version, "pay", d.orderNo().value(), id, -d.amount(),
                        () -> new DeductionReceipt(d.orderNo(), WeChatModel.this.balance(id), 0, version));
            }
        }

        @Override
        public GrantReceipt grant(Grant g, CallContext c) {
            synchronized (WeChatModel.this) {
                String id = g.player().openid();
                return handle(version, "present", g.orderNo().value(), id, g.amount(),
                        () -> new GrantReceipt(g.orderNo(), WeChatModel.this.balance(id), version));
            }
        }

        @Override
        public RefundReceipt refund(Refund r, CallContext c) {
            synchronized (WeChatModel.this) {
                Long deducted = applied.get(r.deductionOrderNo().value());
                if (deducted == null) {
                    throw PaymentException.of(ErrorKind.ORDER_NOT_FOUND, version, 90000, "order not exist", null, null);
                }
                long amount = r.amount().orElse(-deducted);
                String key = version == ApiVersion.MIDAS_V1 ? "refund-of-" + r.deductionOrderNo().value()
                        : r.refundOrderNo().orElseThrow().value();
                return handle(version, "cancelpay", key, r.player().openid(), amount, () -> new RefundReceipt(
                        version == ApiVersion.MIDAS_V1 ? r.deductionOrderNo() : r.refundOrderNo().orElseThrow(), version));
            }
        }

        @Override
        public OrderInfo queryOrder(OrderQuery q, CallContext c) {
            throw PaymentException.of(ErrorKind.NOT_SUPPORTED, version, null, null, "not modelled", null);
        }
    }
}
