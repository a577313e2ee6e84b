package dev.midasbridge.payv2;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.clientpay.ClientPaymentFormer;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.payv2.internal.clientpay.SignDataFormer;
import java.util.Objects;

/**
 * pay_v2's {@link ClientPaymentFormer}: {@code signData} (a JSON string in the documented field order: mode, offerId,
 * buyQuantity, env, currencyType, platform, zoneId, [productId, goodsPrice,] outTradeNo, attach) with the 2.0 offer
 * id, {@code paySig = hex(HMAC-SHA256(AppKey of env, api + "&" + signData))} and
 * {@code signature = hex(HMAC-SHA256(session_key, signData))}.
 */
public final class PayV2ClientPayments {
    private PayV2ClientPayments() {}

    /** With the 2.0 offer id and AppKeys of {@code config}'s credentials. */
    public static ClientPaymentFormer create(PayV2Config config) {
        return create(config.credentials());
    }

    /** With {@code credentials}, which must be pay_v2 credentials. */
    public static ClientPaymentFormer create(ApiCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        if (credentials.version() != ApiVersion.PAY_V2) {
            throw new IllegalArgumentException("pay_v2 client payments need pay_v2 credentials, got "
                    + credentials.version().label());
        }
        return new SignDataFormer(credentials);
    }

    /** {@code hex(HMAC-SHA256(appKey, api + "&" + signData))}: the client API's {@code paySig}. */
    public static String paySig(dev.midasbridge.core.credentials.Secret appKey, String api, String signData) {
        return SignDataFormer.paySig(appKey, api, signData);
    }

    /** {@code hex(HMAC-SHA256(sessionKey, signData))}: the client API's {@code signature}. */
    public static String signature(dev.midasbridge.core.credentials.Secret sessionKey, String signData) {
        return SignDataFormer.signature(sessionKey, signData);
    }
}
