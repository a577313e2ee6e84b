package dev.midasbridge.core.operation;

/**
 * A player's balance as either version reports it: the total, the present (free) part, whether the player ever
 * saved (recharged), and the lifetime sums. v1 names: balance, gen_balance, first_save, save_amt, save_sum,
 * cost_sum, present_sum; v2: balance, present_balance, first_save_flag, sum_save, sum_balance, sum_cost, sum_present.
 */
public record Balance(
        long balance,
        long presentBalance,
        boolean firstSave,
        long sumSave,
        long sumBalance,
        long sumCost,
        long sumPresent) {}
