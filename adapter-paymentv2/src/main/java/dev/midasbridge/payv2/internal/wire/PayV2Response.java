package dev.midasbridge.payv2.internal.wire;

/** A pay_v2 answer: every one carries {@code errcode} (0 = success) and {@code errmsg}. */
public sealed interface PayV2Response
        permits BalanceResponse, PayResponse, CancelPayResponse, PresentResponse, QueryOrderInfoResponse {
    /** The errcode, or null when the answer lacked it (a malformed answer). */
    Integer errcode();

    /** The errmsg, or null when the answer lacked it. */
    String errmsg();
}
