package dev.midasbridge.core.clientpay;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.order.OrderNo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Virtual payment 2.0's signed client parameters: {@code signData} (the exact JSON string that was signed),
 * {@code paySig = hex(HMAC-SHA256(AppKey of env, api + "&" + signData))} and
 * {@code signature = hex(HMAC-SHA256(session_key, signData))}.
 *
 * <p>{@code toClientObject()} gives {@code {signData, paySig, signature}} for
 * {@code requestMidasPaymentGameItem}. For {@code requestMidasPayment} it gives the same three and also the plain
 * parameters {@code mode "game"}, {@code env}, {@code offerId}, {@code currencyType}, {@code platform},
 * {@code buyQuantity}, {@code zoneId}, {@code outTradeNo} ({@link #plainParams()}), because the
 * {@code wx.requestMidasPayment} page documents those plain parameters (with {@code outTradeNo}) and no
 * {@code signData}: see docs/API.md "Client payment".
 */
public record PayV2ClientParams(
        String api,
        String mode,
        Environment environment,
        OrderNo outTradeNo,
        String signData,
        String paySig,
        String signature,
        Map<String, Object> plainParams)
        implements ClientPaymentForm {
    public PayV2ClientParams {
        if (!REQUEST_MIDAS_PAYMENT.equals(api) && !REQUEST_MIDAS_PAYMENT_GAME_ITEM.equals(api)) {
            throw new IllegalArgumentException(
                    "api \"" + api + "\": must be " + REQUEST_MIDAS_PAYMENT + " or " + REQUEST_MIDAS_PAYMENT_GAME_ITEM);
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(signData, "signData");
        Objects.requireNonNull(paySig, "paySig");
        Objects.requireNonNull(signature, "signature");
        plainParams = Collections.unmodifiableMap(new LinkedHashMap<>(plainParams));
    }

    @Override
    public ApiVersion version() {
        return ApiVersion.PAY_V2;
    }

    @Override
    public Map<String, Object> toClientObject() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (REQUEST_MIDAS_PAYMENT.equals(api)) {
            m.putAll(plainParams);
        }
        m.put("signData", signData);
        m.put("paySig", paySig);
        m.put("signature", signature);
        return Collections.unmodifiableMap(m);
    }
}
