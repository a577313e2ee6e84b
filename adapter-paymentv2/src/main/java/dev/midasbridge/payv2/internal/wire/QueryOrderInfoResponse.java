package dev.midasbridge.payv2.internal.wire;

import com.squareup.moshi.Json;

/** The answer of {@code /wxa/game/queryorderinfo}: the states of a purchase order and its identifiers. */
public record QueryOrderInfoResponse(
        @Json(name = "errcode") Integer errcode,
        @Json(name = "errmsg") String errmsg,
        @Json(name = "pay_state") Long payState,
        @Json(name = "deliver_state") Long deliverState,
        @Json(name = "pay_finish_time") Long payFinishTime,
        @Json(name = "out_trade_no") String outTradeNo,
        @Json(name = "mch_order_no") String mchOrderNo,
        @Json(name = "transaction_id") String transactionId,
        @Json(name = "product_id") String productId)
        implements PayV2Response {}
