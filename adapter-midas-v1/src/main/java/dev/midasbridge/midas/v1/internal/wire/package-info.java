/**
 * midas 1.0's wire format: Moshi-ready records for the request and response of getbalance, pay, cancelpay and
 * present with the exact JSON names, and {@link dev.midasbridge.midas.v1.internal.wire.MidasV1Wire}, which maps them to and
 * from the version-neutral domain.
 */
package dev.midasbridge.midas.v1.internal.wire;
