package dev.midasbridge.midas.v1.internal.wire;

import com.squareup.moshi.Json;

/** The answer of getbalance; {@code first_save} is 1 when the player has never saved (recharged) before, else 0. */
public record GetBalanceResponse(
        Long errcode,
        String errmsg,
        Long balance,
        @Json(name = "gen_balance") Long genBalance,
        @Json(name = "first_save") Long firstSave,
        @Json(name = "save_amt") Long saveAmt,
        @Json(name = "save_sum") Long saveSum,
        @Json(name = "cost_sum") Long costSum,
        @Json(name = "present_sum") Long presentSum)
        implements MidasV1Response {}
