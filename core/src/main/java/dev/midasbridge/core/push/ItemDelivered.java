package dev.midasbridge.core.push;

import dev.midasbridge.core.Environment;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@value PushEvent#ITEM_DELIVERED} (or {@value PushEvent#MALL_ITEM_DELIVERED}): an item bought with
 * {@code wx.requestMidasPaymentGameItem} must be delivered. Payload {@code OpenId}, {@code Env}, {@code OutTradeNo},
 * {@code GoodsInfo} ({@code ProductId}, {@code Quantity} &gt; 0, {@code ZoneId}, {@code OrigPrice} and
 * {@code ActualPrice} in fen, {@code Attach}, {@code OrderSource}) and optional {@code WeChatPayInfo}.
 */
public record ItemDelivered(
        String eventName,
        String payload,
        boolean mock,
        Environment environment,
        String openId,
        String tradeNo,
        String productId,
        long quantity,
        Optional<String> zoneId,
        OptionalLong origPrice,
        long actualPrice,
        Optional<String> attach,
        OptionalLong orderSource,
        Optional<WeChatPayInfo> weChatPayInfo)
        implements PushEvent {
    public ItemDelivered {
        PushEvents.common(eventName, payload, environment);
        PushEvents.text("OpenId", openId);
        PushEvents.text("OutTradeNo", tradeNo);
        PushEvents.text("GoodsInfo.ProductId", productId);
        PushEvents.positive("GoodsInfo.Quantity", quantity);
        Objects.requireNonNull(origPrice, "origPrice");
        origPrice.ifPresent(p -> PushEvents.nonNegative("GoodsInfo.OrigPrice", p));
        PushEvents.nonNegative("GoodsInfo.ActualPrice", actualPrice);
        Objects.requireNonNull(zoneId, "zoneId");
        Objects.requireNonNull(attach, "attach");
        Objects.requireNonNull(orderSource, "orderSource");
        Objects.requireNonNull(weChatPayInfo, "weChatPayInfo");
    }

    @Override
    public Optional<String> outTradeNo() {
        return Optional.of(tradeNo);
    }
}
