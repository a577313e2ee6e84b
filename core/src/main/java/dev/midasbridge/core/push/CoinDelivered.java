package dev.midasbridge.core.push;

import dev.midasbridge.core.Environment;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@value PushEvent#COIN_DELIVERED}: game coins bought with {@code wx.requestMidasPayment} were added to the
 * player's balance. {@code OpenId}, {@code Env} and {@code OutTradeNo} are required; the {@code CoinInfo} fields are
 * kept when present (quantity and prices in fen as {@code long}, never negative).
 */
public record CoinDelivered(
        String eventName,
        String payload,
        boolean mock,
        Environment environment,
        String openId,
        String tradeNo,
        OptionalLong quantity,
        OptionalLong origPrice,
        OptionalLong actualPrice,
        Optional<String> zoneId,
        Optional<String> attach,
        Optional<WeChatPayInfo> weChatPayInfo)
        implements PushEvent {
    public CoinDelivered {
        PushEvents.common(eventName, payload, environment);
        PushEvents.text("OpenId", openId);
        PushEvents.text("OutTradeNo", tradeNo);
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(origPrice, "origPrice");
        Objects.requireNonNull(actualPrice, "actualPrice");
        quantity.ifPresent(q -> PushEvents.positive("CoinInfo.Quantity", q));
        origPrice.ifPresent(p -> PushEvents.nonNegative("CoinInfo.OrigPrice", p));
        actualPrice.ifPresent(p -> PushEvents.nonNegative("CoinInfo.ActualPrice", p));
        Objects.requireNonNull(zoneId, "zoneId");
        Objects.requireNonNull(attach, "attach");
        Objects.requireNonNull(weChatPayInfo, "weChatPayInfo");
    }

    @Override
    public Optional<String> outTradeNo() {
        return Optional.of(tradeNo);
    }
}
