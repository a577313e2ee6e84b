package dev.midasbridge.payv2.internal.wire;

import com.squareup.moshi.Json;

/** The answer of {@code /wxa/game/pay}: the order number, the balance after, the present coins used. */
public record PayResponse(
        @Json(name = "errcode") Integer errcode,
        @Json(name = "errmsg") String errmsg,
        @Json(name = "bill_no") String billNo,
        @Json(name = "balance") Long balance,
        @Json(name = "used_present_amount") Long usedPresentAmount)
        implements PayV2Response {}
