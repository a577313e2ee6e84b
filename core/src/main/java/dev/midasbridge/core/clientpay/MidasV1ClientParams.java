package dev.midasbridge.core.clientpay;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.order.OrderNo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * midas 1.0's {@code wx.requestMidasPayment} parameters: {@code mode "game"}, {@code env} (0/1), the 1.0
 * {@code offerId}, {@code currencyType "CNY"}, {@code platform "android"}, {@code buyQuantity}, {@code zoneId}. No
 * signatures. The 1.0 page lists no {@code outTradeNo}, so {@link #toClientObject()} leaves it out; it is kept here
 * for the journal.
 */
public record MidasV1ClientParams(
        Environment environment, String offerId, long buyQuantity, String zoneId, OrderNo outTradeNo)
        implements ClientPaymentForm {
    public static final String MODE = "game";
    public static final String CURRENCY_TYPE = "CNY";
    public static final String PLATFORM = "android";

    public MidasV1ClientParams {
        Objects.requireNonNull(environment, "environment");
        if (offerId == null || offerId.isBlank()) {
            throw new IllegalArgumentException("offerId must not be empty");
        }
        if (buyQuantity <= 0) {
            throw new IllegalArgumentException("buyQuantity must be greater than 0");
        }
        Objects.requireNonNull(zoneId, "zoneId");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
    }

    @Override
    public ApiVersion version() {
        return ApiVersion.MIDAS_V1;
    }

    @Override
    public String api() {
        return REQUEST_MIDAS_PAYMENT;
    }

    @Override
    public Map<String, Object> toClientObject() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", MODE);
        m.put("env", environment.payV2Env());
        m.put("offerId", offerId);
        m.put("currencyType", CURRENCY_TYPE);
        m.put("platform", PLATFORM);
        m.put("buyQuantity", buyQuantity);
        m.put("zoneId", zoneId);
        return Collections.unmodifiableMap(m);
    }
}
