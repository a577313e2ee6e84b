package dev.midasbridge.core.clientpay;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.PlayerSession;

/**
 * The port each adapter implements: the client payment form of its version for a request. midas 1.0 gives plain
 * parameters with its 1.0 offer id; pay_v2 gives {@code signData} with the 2.0 offer id, signed with the AppKey of
 * the request's environment and the player's session_key.
 */
public interface ClientPaymentFormer {
    /** The version whose form this former makes. */
    ApiVersion version();

    /**
     * The form for {@code request}. {@code session} is the player's current login session (pay_v2 signs with its
     * session_key; midas 1.0 does not use it). Throws {@code InvalidInputException} for a request the version cannot
     * take (e.g. an item purchase on midas 1.0 is {@code NOT_SUPPORTED}).
     */
    ClientPaymentForm form(ClientPaymentRequest request, PlayerSession session);
}
