package dev.midasbridge.payv2.internal.wire;

import com.squareup.moshi.Json;

/** The answer of {@code /wxa/game/cancelpay}: the refund's order number. */
public record CancelPayResponse(
        @Json(name = "errcode") Integer errcode,
        @Json(name = "errmsg") String errmsg,
        @Json(name = "bill_no") String billNo)
        implements PayV2Response {}
