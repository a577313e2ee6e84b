package dev.midasbridge.payv2.internal.wire;

import com.squareup.moshi.Json;

/** The answer of {@code /wxa/game/present}: the grant's order number and the balance after it. */
public record PresentResponse(
        @Json(name = "errcode") Integer errcode,
        @Json(name = "errmsg") String errmsg,
        @Json(name = "bill_no") String billNo,
        @Json(name = "balance") Long balance)
        implements PayV2Response {}
