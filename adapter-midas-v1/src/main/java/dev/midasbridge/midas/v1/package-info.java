/**
 * The midas 1.0 adapter: {@link dev.midasbridge.midas.v1.MidasV1#create} gives a
 * {@link dev.midasbridge.core.gateway.CurrencyGateway} over {@code /cgi-bin/midas/*} (and the sandbox paths),
 * configured by {@link dev.midasbridge.midas.v1.MidasV1Config}; {@link dev.midasbridge.midas.v1.MidasV1Module}
 * binds it in Guice.
 */
package dev.midasbridge.midas.v1;
