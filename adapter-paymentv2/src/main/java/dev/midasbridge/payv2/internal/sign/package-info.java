/** pay_v2 request signing: {@code pay_sig} (AppKey over path and body) and {@code signature} (session_key over body). */
package dev.midasbridge.payv2.internal.sign;
