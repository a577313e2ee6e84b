package dev.midasbridge.payv2.internal.wire;

import java.util.Map;

/**
 * A pay_v2 request body as sent: one record per endpoint, with the exact JSON names and types
 * (strings for ids and order numbers, integers for {@code ts}, {@code env}, amounts and codes).
 */
public sealed interface PayV2Request
        permits GetBalanceRequest, PayRequest, CancelPayRequest, PresentRequest, QueryOrderInfoRequest {
    /** The endpoint's name in the path: getbalance, pay, cancelpay, present or queryorderinfo. */
    String endpoint();

    /**
     * The body fields in the fixed order they are serialized in: offer_id, openid, ts, zone_id, env, the
     * endpoint's own fields, then user_ip when present. Values are {@code String} or {@code Long}; absent optional
     * fields are left out (pay_v2 never gets an empty or null optional field).
     */
    Map<String, Object> fields();
}
