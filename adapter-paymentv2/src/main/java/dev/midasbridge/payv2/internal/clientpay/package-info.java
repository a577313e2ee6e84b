/** The pay_v2 client payment signer behind {@link dev.midasbridge.payv2.PayV2ClientPayments}. */
package dev.midasbridge.payv2.internal.clientpay;
