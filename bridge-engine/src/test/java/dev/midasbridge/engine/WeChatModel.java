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
import dev.midasbridge.core.order.OrderNo;
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
        SESSION_EXPIRED,
        /** The access token cannot be fetched: the call fails before anything is sent (no beforeSend). */
        TOKEN_UNAVAILABLE
    }

    final Map<String, Long> balances = new HashMap<>();
    final Map<String, Long> applied = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final Deque<Fault> faults = new ArrayDeque<>();
    /** The current session_key of players whose key the server checks (others: any key is accepted). */
    final Map<String, String> sessionKeys = new HashMap<>();
    /** Whether the gateways call {@code beforeSend()} as the contract says (false: a gateway that predates it). */
    boolean callsBeforeSend = true;
    /** Run when a request reaches the server, before it is handled. */
    Runnable atServer = () -> {};

    int tokenFailures;

    CurrencyGateway gateway(ApiVersion version) {
        return new Gateway(version);
    }

    synchronized long balance(String openid) {
        return balances.getOrDefault(openid, 0L);
    }

    private synchronized <T> T handle(
            ApiVersion v, String what, String order, String openid, long delta, java.util.function.Supplier<T> result) {
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
                throw PaymentException.of(
                        ErrorKind.ORDER_ALREADY_ROLLED_BACK, v, 90015, "already rolled back", null, null);
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

        /**
         * What a real adapter does before the server sees anything: fetch the access token (may fail: nothing sent),
         * tell the listener, write the request; then the server checks the session_key signature.
         */
        private void send(CallContext c, String what, String order) {
            synchronized (WeChatModel.this) {
                if (faults.peek() == Fault.TOKEN_UNAVAILABLE) {
                    faults.poll();
                    tokenFailures++;
                    throw PaymentException.of(
                            ErrorKind.ACCESS_TOKEN_UNAVAILABLE,
                            version,
                            null,
                            null,
                            "stable_token: connection refused",
                            null);
                }
            }
            if (callsBeforeSend) {
                c.beforeSend();
            }
            synchronized (WeChatModel.this) {
                atServer.run();
                String key = sessionKeys.get(c.session().openid());
                if (key != null && !key.equals(c.session().sessionKey().reveal())) {
                    calls.add(version.label() + " " + what + " " + order + " rejected: signature");
                    throw PaymentException.of(
                            ErrorKind.PLAYER_SIGNATURE_INVALID,
                            version,
                            version == ApiVersion.PAY_V2 ? 90010 : 90009,
                            "signature invalid",
                            null,
                            null);
                }
            }
        }

        @Override
        public Balance balance(BalanceQuery q, CallContext c) {
            send(c, "getbalance", q.player().openid());
            long b = WeChatModel.this.balance(q.player().openid());
            return new Balance(b, 0, false, 0, 0, 0, 0);
        }

        @Override
        public DeductionReceipt deduct(Deduction d, CallContext c) {
            send(c, "pay", d.orderNo().value());
            synchronized (WeChatModel.this) {
                String id = d.player().openid();
                if (!applied.containsKey(d.orderNo().value()) && WeChatModel.this.balance(id) < d.amount()) {
                    throw PaymentException.of(
                            ErrorKind.INSUFFICIENT_BALANCE, version, 90013, "balance not enough", null, null);
                }
                return handle(
                        version,
                        "pay",
                        d.orderNo().value(),
                        id,
                        -d.amount(),
                        () -> new DeductionReceipt(d.orderNo(), WeChatModel.this.balance(id), 0, version));
            }
        }

        @Override
        public GrantReceipt grant(Grant g, CallContext c) {
            send(c, "present", g.orderNo().value());
            synchronized (WeChatModel.this) {
                String id = g.player().openid();
                return handle(
                        version,
                        "present",
                        g.orderNo().value(),
                        id,
                        g.amount(),
                        () -> new GrantReceipt(g.orderNo(), WeChatModel.this.balance(id), version));
            }
        }

        @Override
        public RefundReceipt refund(Refund r, CallContext c) {
            send(
                    c,
                    "cancelpay",
                    r.refundOrderNo()
                            .map(OrderNo::value)
                            .orElse(r.deductionOrderNo().value()));
            synchronized (WeChatModel.this) {
                Long deducted = applied.get(r.deductionOrderNo().value());
                if (deducted == null) {
                    throw PaymentException.of(ErrorKind.ORDER_NOT_FOUND, version, 90000, "order not exist", null, null);
                }
                long amount = r.amount().orElse(-deducted);
                String key = version == ApiVersion.MIDAS_V1
                        ? "refund-of-" + r.deductionOrderNo().value()
                        : r.refundOrderNo().orElseThrow().value();
                return handle(
                        version,
                        "cancelpay",
                        key,
                        r.player().openid(),
                        amount,
                        () -> new RefundReceipt(
                                version == ApiVersion.MIDAS_V1
                                        ? r.deductionOrderNo()
                                        : r.refundOrderNo().orElseThrow(),
                                version));
            }
        }

        @Override
        public OrderInfo queryOrder(OrderQuery q, CallContext c) {
            throw PaymentException.of(ErrorKind.NOT_SUPPORTED, version, null, null, "not modelled", null);
        }
    }
}
