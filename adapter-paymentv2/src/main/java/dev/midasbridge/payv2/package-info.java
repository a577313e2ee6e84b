/**
 * The pay_v2 adapter: {@link dev.midasbridge.payv2.PayV2#create} builds a
 * {@link dev.midasbridge.core.gateway.CurrencyGateway} that calls {@code /wxa/game/*} over HTTP, configured by
 * {@link dev.midasbridge.payv2.PayV2Config}; {@link dev.midasbridge.payv2.PayV2Module} binds it in Guice.
 */
package dev.midasbridge.payv2;
