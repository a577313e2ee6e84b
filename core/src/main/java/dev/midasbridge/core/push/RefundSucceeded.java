package dev.midasbridge.core.push;

import dev.midasbridge.core.Environment;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@value PushEvent#REFUND_SUCCEEDED} (退款成功通知): a coin top-up or a direct item purchase was refunded. The
 * "支付类事件订阅" page lists {@code RefundId}, {@code RefundAmount} (fen), {@code RefundSource} (1 platform, 2 MP,
 * 3 API), {@code Env}, {@code OutTradeNo} and {@code WeChatPayInfo}; its own example leaves {@code OutTradeNo} out,
 * so only {@code RefundId}, {@code RefundAmount} and {@code Env} are required. An order can be refunded in parts, so
 * the delivery is journaled once per {@code RefundId}, the event's own id.
 */
public record RefundSucceeded(
        String eventName,
        String payload,
        boolean mock,
        Environment environment,
        String refundId,
        long refundAmount,
        OptionalLong refundSource,
        Optional<String> outTradeNo,
        Optional<WeChatPayInfo> weChatPayInfo)
        implements PushEvent {
    public RefundSucceeded {
        PushEvents.common(eventName, payload, environment);
        PushEvents.text("RefundId", refundId);
        PushEvents.nonNegative("RefundAmount", refundAmount);
        Objects.requireNonNull(refundSource, "refundSource");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(weChatPayInfo, "weChatPayInfo");
    }

    /** {@code eventName + ":refund:" + RefundId}: one delivery per refund, even for several refunds of one order. */
    @Override
    public String dedupKey() {
        return eventName + ":refund:" + refundId;
    }
}
