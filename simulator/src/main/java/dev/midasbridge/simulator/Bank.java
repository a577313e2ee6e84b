package dev.midasbridge.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts of both worlds, one per player (openid + zone_id) and shared by both versions, with one order
 * namespace per account, and the ledger. Every change to an account happens under that account's lock, so
 * concurrent calls for one player never double-apply or lose coins.
 */
final class Bank {
    /** How long a bill_no stays taken (API.md section 3). */
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(48);

    enum OrderKind {
        DEDUCTION,
        GRANT,
        REFUND
    }

    /** The answer to one operation: errcode 0 with the resulting numbers, or an errcode and errmsg. */
    record Outcome(int errcode, String errmsg, long balance, long presentUsed) {
        static Outcome error(int errcode, String errmsg) {
            return new Outcome(errcode, errmsg, 0, 0);
        }

        boolean ok() {
            return errcode == 0;
        }
    }

    private record AccountKey(Environment environment, String openid, String zoneId) {}

    private static final class Order {
        final OrderKind kind;
        final Instant at;
        final long amount;
        final long presentUsed;
        long refundedPaid;
        long refundedPresent;

        Order(OrderKind kind, Instant at, long amount, long presentUsed) {
            this.kind = kind;
            this.at = at;
            this.amount = amount;
            this.presentUsed = presentUsed;
        }

        long refundable() {
            return amount - refundedPaid - refundedPresent;
        }
    }

    private static final class Account {
        long paid;
        long present;
        long sumSave;
        long sumCost;
        long sumPresent;
        final Map<String, Order> orders = new HashMap<>();

        AccountSnapshot snapshot() {
            return new AccountSnapshot(paid + present, present, sumSave, sumCost, sumPresent);
        }
    }

    private final Clock clock;
    private final Map<AccountKey, Account> accounts = new ConcurrentHashMap<>();
    private final List<LedgerEntry> ledger = new ArrayList<>();
    private final Map<String, SimulatorConfig.PurchaseOrder> purchases = new ConcurrentHashMap<>();

    Bank(Clock clock) {
        this.clock = clock;
    }

    private Account account(Environment env, String openid, String zoneId) {
        return accounts.computeIfAbsent(new AccountKey(env, openid, zoneId), k -> new Account());
    }

    /** Sets an account's balances as if {@code balance - present} coins had been recharged and {@code present} granted. */
    void seed(Environment env, String openid, String zoneId, long balance, long present) {
        if (balance < 0 || present < 0 || present > balance) {
            throw new IllegalArgumentException("a seed needs 0 <= present_balance <= balance");
        }
        Account a = account(env, openid, zoneId);
        synchronized (a) {
            a.paid = balance - present;
            a.present = present;
            a.sumSave = balance - present;
            a.sumPresent = present;
            a.sumCost = 0;
        }
    }

    AccountSnapshot snapshot(Environment env, String openid, String zoneId) {
        Account a = account(env, openid, zoneId);
        synchronized (a) {
            return a.snapshot();
        }
    }

    /** Spends present coins first, then recharged ones. */
    Outcome deduct(ApiVersion version, Environment env, String openid, String zoneId, String billNo, long amount) {
        Account a = account(env, openid, zoneId);
        synchronized (a) {
            Instant now = clock.instant();
            if (taken(a, billNo, now)) {
                return Outcome.error(90012, repeated(version, billNo));
            }
            if (a.paid + a.present < amount) {
                return Outcome.error(
                        90013, "balance too low: " + (a.paid + a.present) + " coins, " + amount + " asked");
            }
            long presentUsed = Math.min(a.present, amount);
            a.present -= presentUsed;
            a.paid -= amount - presentUsed;
            a.sumCost += amount;
            a.orders.put(billNo, new Order(OrderKind.DEDUCTION, now, amount, presentUsed));
            long balance = a.paid + a.present;
            record(version, env, "pay", openid, zoneId, billNo, Optional.empty(), amount, balance, now);
            return new Outcome(0, "ok", balance, presentUsed);
        }
    }

    Outcome grant(ApiVersion version, Environment env, String openid, String zoneId, String billNo, long amount) {
        Account a = account(env, openid, zoneId);
        synchronized (a) {
            Instant now = clock.instant();
            if (taken(a, billNo, now)) {
                return Outcome.error(90012, repeated(version, billNo));
            }
            if (Long.MAX_VALUE - a.paid - a.present < amount) {
                return Outcome.error(90018, "[amount] amount would overflow the balance");
            }
            a.present += amount;
            a.sumPresent += amount;
            a.orders.put(billNo, new Order(OrderKind.GRANT, now, amount, 0));
            long balance = a.paid + a.present;
            record(version, env, "present", openid, zoneId, billNo, Optional.empty(), amount, balance, now);
            return new Outcome(0, "ok", balance, 0);
        }
    }

    /**
     * A player's top-up through the client ({@code wx.requestMidasPayment} completed): {@code amount} recharged coins
     * credited. {@code outTradeNo} is the purchase's order number (its own namespace, not a bill_no).
     */
    Outcome recharge(
            ApiVersion version, Environment env, String openid, String zoneId, String outTradeNo, long amount) {
        Account a = account(env, openid, zoneId);
        synchronized (a) {
            if (amount < 1 || Long.MAX_VALUE - a.paid - a.present < amount) {
                return Outcome.error(90018, "[amount] amount must be at least 1 and keep the balance in range");
            }
            Instant now = clock.instant();
            a.paid += amount;
            a.sumSave += amount;
            long balance = a.paid + a.present;
            record(version, env, "recharge", openid, zoneId, outTradeNo, Optional.empty(), amount, balance, now);
            return new Outcome(0, "ok", balance, 0);
        }
    }

    /** Records a purchase paid through the client check, for pay_v2 queryorderinfo (replacing one of the same key). */
    void recordPurchase(SimulatorConfig.PurchaseOrder order) {
        purchases.put(purchaseKey(order.openid(), order.environment(), order.outTradeNo(), order.bizId()), order);
    }

    /** A purchase paid through the client check, if any. */
    Optional<SimulatorConfig.PurchaseOrder> purchase(String openid, Environment env, String outTradeNo, long bizId) {
        return Optional.ofNullable(purchases.get(purchaseKey(openid, env, outTradeNo, bizId)));
    }

    /** Marks a recorded purchase delivered ({@code deliver_state} 2): the game acknowledged its delivery push. */
    void markDelivered(String openid, Environment env, String outTradeNo, long bizId) {
        purchases.computeIfPresent(
                purchaseKey(openid, env, outTradeNo, bizId),
                (k, o) -> new SimulatorConfig.PurchaseOrder(
                        o.openid(),
                        o.environment(),
                        o.outTradeNo(),
                        o.bizId(),
                        o.payState(),
                        2,
                        o.payFinishTime(),
                        o.mchOrderNo(),
                        o.transactionId(),
                        o.productId()));
    }

    private static String purchaseKey(String openid, Environment env, String outTradeNo, long bizId) {
        return openid + "\u0000" + env + "\u0000" + outTradeNo + "\u0000" + bizId;
    }

    /** midas 1.0: returns whatever of deduction {@code billNo} has not been returned yet. */
    Outcome refundWhole(Environment env, String openid, String zoneId, String billNo) {
        Account a = account(env, openid, zoneId);
        synchronized (a) {
            Order order = a.orders.get(billNo);
            if (order == null || order.kind != OrderKind.DEDUCTION) {
                return Outcome.error(90000, "order does not exist: no deduction with bill_no " + billNo);
            }
            long amount = order.refundable();
            if (amount == 0) {
                return Outcome.error(90015, "order already rolled back: bill_no " + billNo);
            }
            Instant now = clock.instant();
            long balance = giveBack(a, order, amount);
            record(
                    ApiVersion.MIDAS_V1,
                    env,
                    "cancelpay",
                    openid,
                    zoneId,
                    billNo,
                    Optional.of(billNo),
                    amount,
                    balance,
                    now);
            return new Outcome(0, "ok", balance, 0);
        }
    }

    /** pay_v2: returns {@code amount} of deduction {@code payBillNo} under the new order {@code refundBillNo}. */
    Outcome refundPart(
            Environment env, String openid, String zoneId, String payBillNo, String refundBillNo, long amount) {
        Account a = account(env, openid, zoneId);
        synchronized (a) {
            Instant now = clock.instant();
            if (taken(a, refundBillNo, now)) {
                return Outcome.error(90012, repeated(ApiVersion.PAY_V2, refundBillNo));
            }
            Order order = a.orders.get(payBillNo);
            if (order == null || order.kind != OrderKind.DEDUCTION) {
                return Outcome.error(90000, "order does not exist: no deduction with pay_bill_no " + payBillNo);
            }
            long left = order.refundable();
            if (amount > left) {
                return Outcome.error(
                        90018,
                        "[amount] amount is invalid: " + amount + " exceeds the " + left + " coins of pay_bill_no "
                                + payBillNo + " not yet refunded");
            }
            long balance = giveBack(a, order, amount);
            a.orders.put(refundBillNo, new Order(OrderKind.REFUND, now, amount, 0));
            record(
                    ApiVersion.PAY_V2,
                    env,
                    "cancelpay",
                    openid,
                    zoneId,
                    refundBillNo,
                    Optional.of(payBillNo),
                    amount,
                    balance,
                    now);
            return new Outcome(0, "ok", balance, 0);
        }
    }

    /** Returns recharged coins first (up to what the deduction took of them), then present coins. */
    private static long giveBack(Account a, Order order, long amount) {
        long paidLeft = (order.amount - order.presentUsed) - order.refundedPaid;
        long paidBack = Math.min(paidLeft, amount);
        long presentBack = amount - paidBack;
        order.refundedPaid += paidBack;
        order.refundedPresent += presentBack;
        a.paid += paidBack;
        a.present += presentBack;
        a.sumCost -= amount;
        return a.paid + a.present;
    }

    private static boolean taken(Account a, String billNo, Instant now) {
        Order o = a.orders.get(billNo);
        return o != null && now.isBefore(o.at.plus(IDEMPOTENCY_WINDOW));
    }

    private static String repeated(ApiVersion version, String billNo) {
        return (version == ApiVersion.MIDAS_V1 ? "order already exists" : "order number repeated") + ": bill_no "
                + billNo + " was used by this player within 48 hours";
    }

    private void record(
            ApiVersion version,
            Environment env,
            String endpoint,
            String openid,
            String zoneId,
            String billNo,
            Optional<String> refunded,
            long amount,
            long balance,
            Instant now) {
        synchronized (ledger) {
            ledger.add(new LedgerEntry(
                    ledger.size() + 1L,
                    version,
                    env,
                    endpoint,
                    openid,
                    zoneId,
                    billNo,
                    refunded,
                    amount,
                    balance,
                    now));
        }
    }

    List<LedgerEntry> ledger() {
        synchronized (ledger) {
            return List.copyOf(ledger);
        }
    }
}
