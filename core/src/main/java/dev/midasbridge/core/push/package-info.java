/**
 * pay_v2 push events ("支付类事件订阅"): the typed events ({@link dev.midasbridge.core.push.CoinDelivered},
 * {@link dev.midasbridge.core.push.ItemDelivered}, {@link dev.midasbridge.core.push.UnknownEvent}), the message-push
 * channel's security ({@link dev.midasbridge.core.push.PushChannelSecurity}: URL verification, msg_signature, the
 * safe-mode AES envelope) and {@code PayEventSig} ({@link dev.midasbridge.core.push.PayEventSignature}). Reading the
 * JSON or XML body is the pay_v2 adapter's ({@code PayV2Push}); core has no JSON.
 */
package dev.midasbridge.core.push;
