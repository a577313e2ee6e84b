package dev.midasbridge.midas.v1.internal.wire;

import com.squareup.moshi.Json;

/** The answer of cancelpay: the order number of the deduction that was refunded. */
public record CancelPayResponse(
        Long errcode, String errmsg, @Json(name = "bill_no") String billNo) implements MidasV1Response {}
