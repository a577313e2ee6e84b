package dev.midasbridge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The account rules under any sequence of operations through either version. */
class BankProperties {
    private static final String P = "o-p";
    private static final long SEED = 500;
    private static final long SEED_PRESENT = 50;

    /** One operation: kind, version, amount, and two order numbers drawn from a small pool (so repeats happen). */
    record Op(int kind, ApiVersion version, long amount, String billNo, String otherBillNo) {}

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<String> bills = Arbitraries.of("a", "b", "c", "d", "e", "f", "g", "h");
        Arbitrary<Op> op = Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(ApiVersion.class),
                        Arbitraries.longs().between(1, 200),
                        bills,
                        bills)
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    private static Bank run(List<Op> ops) {
        Bank bank = new Bank(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        bank.seed(Environment.PRODUCTION, P, "1", SEED, SEED_PRESENT);
        for (Op op : ops) {
            switch (op.kind()) {
                case 0 -> bank.deduct(op.version(), Environment.PRODUCTION, P, "1", op.billNo(), op.amount());
                case 1 -> bank.grant(op.version(), Environment.PRODUCTION, P, "1", op.billNo(), op.amount());
                case 2 -> bank.refundWhole(Environment.PRODUCTION, P, "1", op.billNo());
                default -> bank.refundPart(Environment.PRODUCTION, P, "1", op.otherBillNo(), op.billNo(), op.amount());
            }
        }
        return bank;
    }

    @Property(tries = 300)
    void noCoinAppearsOrVanishes(@ForAll("operations") List<Op> ops) {
        Bank bank = run(ops);
        long expected = SEED;
        for (LedgerEntry e : bank.ledger()) {
            expected += e.endpoint().equals("pay") ? -e.amount() : e.amount();
        }
        assertEquals(expected, bank.snapshot(Environment.PRODUCTION, P, "1").balance());
    }

    @Property(tries = 300)
    void balancesNeverGoNegativeAndPresentCoinsArePartOfTheBalance(@ForAll("operations") List<Op> ops) {
        AccountSnapshot s = run(ops).snapshot(Environment.PRODUCTION, P, "1");
        assertTrue(s.presentBalance() >= 0 && s.presentBalance() <= s.balance(), s.toString());
    }

    @Property(tries = 300)
    void aBillNoIsAppliedAtMostOnceWithin48Hours(@ForAll("operations") List<Op> ops) {
        Set<String> seen = new HashSet<>();
        for (LedgerEntry e : run(ops).ledger()) {
            if (!(e.version() == ApiVersion.MIDAS_V1 && e.endpoint().equals("cancelpay"))) {
                assertTrue(seen.add(e.billNo()), "applied twice: " + e.billNo());
            }
        }
    }

    @Property(tries = 300)
    void refundsNeverReturnMoreThanTheDeductionTook(@ForAll("operations") List<Op> ops) {
        Bank bank = run(ops);
        java.util.Map<String, Long> deducted = new java.util.HashMap<>();
        java.util.Map<String, Long> returned = new java.util.HashMap<>();
        for (LedgerEntry e : bank.ledger()) {
            if (e.endpoint().equals("pay")) {
                deducted.put(e.billNo(), e.amount());
            } else if (e.endpoint().equals("cancelpay")) {
                returned.merge(e.refundedBillNo().orElseThrow(), e.amount(), Long::sum);
            }
        }
        returned.forEach(
                (bill, amount) -> assertTrue(amount <= deducted.getOrDefault(bill, 0L), bill + " over-refunded"));
    }
}
