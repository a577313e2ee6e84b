/**
 * pay_v2's wire format: Moshi-ready request and response records with the exact JSON names of the five
 * {@code /wxa/game/*} endpoints, and {@link dev.midasbridge.payv2.internal.wire.PayV2Wire}, which maps them to and from the
 * version-neutral domain and serializes a request body once into the bytes that are signed and sent.
 */
package dev.midasbridge.payv2.internal.wire;
