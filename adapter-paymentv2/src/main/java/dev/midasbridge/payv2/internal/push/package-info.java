/** Reading and checking pay_v2 pushes behind {@link dev.midasbridge.payv2.PayV2Push}. */
package dev.midasbridge.payv2.internal.push;
