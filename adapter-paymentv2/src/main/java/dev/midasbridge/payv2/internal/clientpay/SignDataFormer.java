package dev.midasbridge.payv2.internal.clientpay;

import com.squareup.moshi.JsonWriter;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.clientpay.ClientItem;
import dev.midasbridge.core.clientpay.ClientPaymentForm;
import dev.midasbridge.core.clientpay.ClientPaymentFormer;
import dev.midasbridge.core.clientpay.ClientPaymentRequest;
import dev.midasbridge.core.clientpay.MidasV1ClientParams;
import dev.midasbridge.core.clientpay.PayV2ClientParams;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okio.Buffer;

/** Builds and signs {@code signData} for the two client payment APIs. */
public final class SignDataFormer implements ClientPaymentFormer {
    /** signData's {@code mode} for {@code requestMidasPaymentGameItem} (the page's example). */
    public static final String ITEM_MODE = "goods";
    /** signData's {@code mode} for {@code requestMidasPayment} (its plain {@code mode} parameter). */
    public static final String COIN_MODE = "game";

    private final ApiCredentials credentials;

    public SignDataFormer(ApiCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public ApiVersion version() {
        return ApiVersion.PAY_V2;
    }

    @Override
    public ClientPaymentForm form(ClientPaymentRequest request, PlayerSession session) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(session, "session");
        if (!session.openid().equals(request.player().openid())) {
            throw InvalidInputException.of(
                    "session",
                    ApiVersion.PAY_V2,
                    "session: it belongs to openid " + session.openid() + ", the purchase is for openid "
                            + request.player().openid() + " (signature is keyed by the buyer's session_key)");
        }
        boolean item = request.isItemPurchase();
        String api = item ? ClientPaymentForm.REQUEST_MIDAS_PAYMENT_GAME_ITEM : ClientPaymentForm.REQUEST_MIDAS_PAYMENT;
        String mode = item ? ITEM_MODE : COIN_MODE;
        String signData = signData(mode, request);
        Secret appKey = credentials.appKey(request.environment());
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("mode", COIN_MODE);
        plain.put("env", request.environment().payV2Env());
        plain.put("offerId", credentials.offerId());
        plain.put("currencyType", MidasV1ClientParams.CURRENCY_TYPE);
        plain.put("platform", MidasV1ClientParams.PLATFORM);
        plain.put("buyQuantity", request.buyQuantity());
        plain.put("zoneId", request.zoneId());
        plain.put("outTradeNo", request.outTradeNo().value());
        return new PayV2ClientParams(
                api,
                mode,
                request.environment(),
                request.outTradeNo(),
                signData,
                paySig(appKey, api, signData),
                signature(session.sessionKey(), signData),
                item ? Map.of() : plain);
    }

    /** The signData JSON in the documented field order, written once by Moshi. */
    String signData(String mode, ClientPaymentRequest request) {
        Buffer buffer = new Buffer();
        try (JsonWriter w = JsonWriter.of(buffer)) {
            w.beginObject();
            w.name("mode").value(mode);
            w.name("offerId").value(credentials.offerId());
            w.name("buyQuantity").value(request.buyQuantity());
            w.name("env").value(request.environment().payV2Env());
            w.name("currencyType").value(MidasV1ClientParams.CURRENCY_TYPE);
            w.name("platform").value(MidasV1ClientParams.PLATFORM);
            w.name("zoneId").value(request.zoneId());
            if (request.item().isPresent()) {
                ClientItem it = request.item().get();
                w.name("productId").value(it.productId());
                w.name("goodsPrice").value(it.goodsPrice());
            }
            w.name("outTradeNo").value(request.outTradeNo().value());
            w.name("attach").value(request.attach().orElse(""));
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.readUtf8();
    }

    public static String paySig(Secret appKey, String api, String signData) {
        return appKey.hmacSha256Hex((api + "&" + signData).getBytes(StandardCharsets.UTF_8));
    }

    public static String signature(Secret sessionKey, String signData) {
        return sessionKey.hmacSha256Hex(signData.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "PayV2ClientPayments[offer_id=" + credentials.offerId() + "]";
    }
}
