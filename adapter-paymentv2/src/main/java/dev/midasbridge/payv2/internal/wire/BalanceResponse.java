package dev.midasbridge.payv2.internal.wire;

import com.squareup.moshi.Json;

/**
 * The answer of {@code /wxa/game/getbalance}. The flag is written {@code first_save_flag} (API.md); some public
 * pages name it {@code first_save}, so both are read, either as a JSON boolean or as 0/1.
 */
public record BalanceResponse(
        @Json(name = "errcode") Integer errcode,
        @Json(name = "errmsg") String errmsg,
        @Json(name = "balance") Long balance,
        @Json(name = "present_balance") Long presentBalance,
        @Json(name = "first_save_flag") Boolean firstSaveFlag,
        @Json(name = "first_save") Boolean firstSave,
        @Json(name = "sum_save") Long sumSave,
        @Json(name = "sum_balance") Long sumBalance,
        @Json(name = "sum_cost") Long sumCost,
        @Json(name = "sum_present") Long sumPresent)
        implements PayV2Response {}
