package dev.midasbridge.midas.v1;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.clientpay.ClientPaymentForm;
import dev.midasbridge.core.clientpay.ClientPaymentFormer;
import dev.midasbridge.core.clientpay.ClientPaymentRequest;
import dev.midasbridge.core.clientpay.MidasV1ClientParams;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.PaymentException;
import java.util.Objects;

/**
 * midas 1.0's {@link ClientPaymentFormer}: the plain {@code wx.requestMidasPayment} parameters with the 1.0 offer id
 * (no signatures). midas 1.0 has no direct item purchase: an item request fails {@link ErrorKind#NOT_SUPPORTED}.
 */
public final class MidasV1ClientPayments implements ClientPaymentFormer {
    private final String offerId;

    private MidasV1ClientPayments(String offerId) {
        this.offerId = offerId;
    }

    /** With the 1.0 offer id of {@code config}'s credentials. */
    public static ClientPaymentFormer create(MidasV1Config config) {
        return create(config.credentials());
    }

    /** With the offer id of {@code credentials}, which must be midas 1.0 credentials. */
    public static ClientPaymentFormer create(ApiCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        if (credentials.version() != ApiVersion.MIDAS_V1) {
            throw new IllegalArgumentException("midas 1.0 client payments need midas_v1 credentials, got "
                    + credentials.version().label());
        }
        return new MidasV1ClientPayments(credentials.offerId());
    }

    @Override
    public ApiVersion version() {
        return ApiVersion.MIDAS_V1;
    }

    @Override
    public ClientPaymentForm form(ClientPaymentRequest request, PlayerSession session) {
        Objects.requireNonNull(request, "request");
        if (request.isItemPurchase()) {
            throw PaymentException.of(
                    ErrorKind.NOT_SUPPORTED,
                    ApiVersion.MIDAS_V1,
                    null,
                    null,
                    "direct item purchase (wx.requestMidasPaymentGameItem, productId "
                            + request.item().get().productId() + ") exists only in pay_v2",
                    null);
        }
        return new MidasV1ClientParams(
                request.environment(), offerId, request.buyQuantity(), request.zoneId(), request.outTradeNo());
    }

    @Override
    public String toString() {
        return "MidasV1ClientPayments[offer_id=" + offerId + "]";
    }
}
