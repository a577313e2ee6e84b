package dev.midasbridge.midas.v1.internal.wire;

/**
 * A midas 1.0 response body as Moshi reads it: every field boxed, so that a missing field is null and can be told
 * apart from zero. {@code errcode} 0 means success; otherwise only {@code errmsg} is meaningful.
 */
public sealed interface MidasV1Response permits GetBalanceResponse, PayResponse, CancelPayResponse, PresentResponse {
    /** The errcode, or null when the body lacks it. */
    Long errcode();

    /** The errmsg, or null when the body lacks it. */
    String errmsg();
}
