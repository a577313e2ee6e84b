package dev.midasbridge.core.clientpay;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.order.OrderNo;
import java.util.Map;

/**
 * What the game client passes to a WeChat client payment API, for the version the player is routed to:
 * {@link MidasV1ClientParams} (plain parameters) or {@link PayV2ClientParams} (signed {@code signData}).
 */
public sealed interface ClientPaymentForm permits MidasV1ClientParams, PayV2ClientParams {
    /** {@code wx.requestMidasPayment}: buying game coins. */
    String REQUEST_MIDAS_PAYMENT = "requestMidasPayment";
    /** {@code wx.requestMidasPaymentGameItem}: buying an item directly. */
    String REQUEST_MIDAS_PAYMENT_GAME_ITEM = "requestMidasPaymentGameItem";

    /** The version whose offer this form pays into. */
    ApiVersion version();

    /** The client API to call ({@code requestMidasPayment} or {@code requestMidasPaymentGameItem}). */
    String api();

    /** The order number the delivery event (pay_v2) will carry. */
    OrderNo outTradeNo();

    /** The object to pass to {@code wx.<api>} (without the callbacks), in a stable key order. */
    Map<String, Object> toClientObject();
}
