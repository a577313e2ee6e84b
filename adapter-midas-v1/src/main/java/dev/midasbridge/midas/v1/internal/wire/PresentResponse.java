package dev.midasbridge.midas.v1.internal.wire;

import com.squareup.moshi.Json;

/** The answer of present: the order number and the balance after the grant. */
public record PresentResponse(
        Long errcode, String errmsg, @Json(name = "bill_no") String billNo, Long balance) implements MidasV1Response {}
