package dev.midasbridge.core.push;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The payload's {@code WeChatPayInfo} (only when the player paid through WeChat Pay): the merchant order number, the
 * WeChat Pay transaction id and the payment time, each optional (the pages list the object, not always its fields).
 */
public record WeChatPayInfo(Optional<String> mchOrderNo, Optional<String> transactionId, OptionalLong paidTime) {
    public WeChatPayInfo {
        Objects.requireNonNull(mchOrderNo, "mchOrderNo");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(paidTime, "paidTime");
    }
}
