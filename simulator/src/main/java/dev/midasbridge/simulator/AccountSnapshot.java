package dev.midasbridge.simulator;

/**
 * One player's account in one world at one moment: {@code balance} is the total of coins, {@code presentBalance}
 * the granted part of it; the sums are lifetime totals (recharged, spent net of refunds, granted).
 */
public record AccountSnapshot(long balance, long presentBalance, long sumSave, long sumCost, long sumPresent) {
    /**
     * Whether the player still qualifies for a first-recharge offer, i.e. has never recharged (v1 {@code first_save}
     * 1/0, v2 {@code first_save_flag} true/false).
     */
    public boolean firstSave() {
        return sumSave == 0;
    }

    /** Every coin the account ever received: recharged plus granted (v1 {@code save_sum}, v2 {@code sum_balance}). */
    public long sumBalance() {
        return sumSave + sumPresent;
    }
}
