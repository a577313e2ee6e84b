/**
 * What a game client passes to the WeChat client payment APIs ({@code wx.requestMidasPayment},
 * {@code wx.requestMidasPaymentGameItem}): the request ({@link dev.midasbridge.core.clientpay.ClientPaymentRequest}),
 * the per-version form ({@link dev.midasbridge.core.clientpay.ClientPaymentForm}) and the port each adapter implements
 * ({@link dev.midasbridge.core.clientpay.ClientPaymentFormer}).
 */
package dev.midasbridge.core.clientpay;
