package dev.midasbridge.midas.v1.internal.wire;

import com.squareup.moshi.Json;

/** The answer of pay: the order number, the balance after the deduction, and the present coins it used. */
public record PayResponse(
        Long errcode,
        String errmsg,
        @Json(name = "bill_no") String billNo,
        Long balance,
        @Json(name = "used_gen_amt") Long usedGenAmt)
        implements MidasV1Response {}
