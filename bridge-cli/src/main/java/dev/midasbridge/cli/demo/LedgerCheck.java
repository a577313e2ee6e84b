package dev.midasbridge.cli.demo;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.OrderKind;
import dev.midasbridge.engine.journal.OrderStatus;
import dev.midasbridge.simulator.LedgerEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Checks a bridge's journal against a stand-in server's ledger: no operation applied twice; every journal row agrees
 * with the ledger (applied once if APPLIED, never if REJECTED or FAILED, at most once while unresolved); every applied
 * operation on the server is journaled; and every balance equals seed + grants - deductions + refunds.
 */
public final class LedgerCheck {
    /** One check: its name, whether it held, and the first problems found. */
    public record Result(String name, boolean held, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private LedgerCheck() {}

    /**
     * Runs every check for {@code environment}'s players {@code openids} (zone "1"), each seeded with {@code seed}
     * coins (balance, present coins included), reading current balances through {@code balanceOf}.
     */
    public static List<Result> run(
            List<LedgerEntry> ledger,
            List<JournalEntry> journal,
            Environment environment,
            List<String> openids,
            long seed,
            ToLongFunction<String> balanceOf) {
        List<Result> out = new ArrayList<>();
        Map<String, Integer> applications = new HashMap<>();
        for (LedgerEntry e : ledger) {
            if (e.environment().name().equals(environment.name())) {
                applications.merge(key(e.openid(), e.version().label(), e.endpoint(), e.billNo()), 1, Integer::sum);
            }
        }
        List<String> twice = new ArrayList<>();
        applications.forEach((k, n) -> {
            if (n > 1) {
                twice.add(k + " applied " + n + " times");
            }
        });
        out.add(new Result("no order applied twice", twice.isEmpty(), first(twice)));

        Map<String, List<JournalEntry>> claims = new HashMap<>();
        for (JournalEntry j : journal) {
            if (j.key().environment() != environment) {
                continue;
            }
            String endpoint = switch (j.kind()) {
                case DEDUCT -> "pay";
                case GRANT -> "present";
                case REFUND -> "cancelpay";
            };
            // midas 1.0 knows a refund by the deduction's bill_no: several refund rows of one deduction share a key.
            String bill = j.kind() == OrderKind.REFUND && j.version() == ApiVersion.MIDAS_V1
                    ? j.relatedOrderNo().orElseThrow()
                    : j.wireOrderNo();
            claims.computeIfAbsent(key(j.key().openid(), j.version().label(), endpoint, bill), k -> new ArrayList<>())
                    .add(j);
        }
        List<String> disagree = new ArrayList<>();
        claims.forEach((k, rows) -> {
            int onServer = applications.getOrDefault(k, 0);
            long applied =
                    rows.stream().filter(r -> r.status() == OrderStatus.APPLIED).count();
            long open = rows.stream().filter(r -> r.status().unresolved()).count();
            if (applied > 1) {
                disagree.add(k + ": " + applied + " journal rows claim one operation");
            } else if (onServer == 0 && applied == 1) {
                disagree.add(k + ": journaled as applied, never applied by the server");
            } else if (onServer > 0 && applied == 0 && open == 0) {
                disagree.add(k + ": applied by the server, journaled as not applied");
            }
        });
        applications.keySet().stream()
                .filter(k -> !claims.containsKey(k))
                .forEach(k -> disagree.add(k + ": applied by the server, missing from the journal"));
        out.add(new Result(
                "every journaled order agrees with the server's ledger (" + claims.size() + " orders)",
                disagree.isEmpty(),
                first(disagree)));

        List<String> off = new ArrayList<>();
        for (String openid : openids) {
            long expected = seed;
            for (LedgerEntry e : ledger) {
                if (e.openid().equals(openid) && e.environment().name().equals(environment.name())) {
                    expected += e.endpoint().equals("pay") ? -e.amount() : e.amount();
                }
            }
            long actual = balanceOf.applyAsLong(openid);
            if (actual != expected || actual < 0) {
                off.add(openid + ": balance " + actual + ", expected " + expected);
            }
        }
        out.add(new Result(
                "balances = seed + grants - deductions + refunds (" + openids.size() + " players)",
                off.isEmpty(),
                first(off)));
        return out;
    }

    private static List<String> first(List<String> problems) {
        return problems.subList(0, Math.min(5, problems.size()));
    }

    /** The version by its label: the stand-in's ledger and the journal each have their own version type. */
    private static String key(String openid, String version, String endpoint, String billNo) {
        return openid + "/" + (endpoint.equals("cancelpay") ? version + "/" : "") + endpoint + "/" + billNo;
    }
}
