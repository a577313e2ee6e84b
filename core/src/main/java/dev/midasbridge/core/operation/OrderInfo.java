package dev.midasbridge.core.operation;

/** The state of a purchase order as pay_v2's queryorderinfo reports it. */
public record OrderInfo(
        long payState,
        long deliverState,
        long payFinishTime,
        String outTradeNo,
        String mchOrderNo,
        String transactionId,
        String productId) {}
