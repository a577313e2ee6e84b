/** The port each API adapter implements ({@link dev.midasbridge.core.gateway.CurrencyGateway}), with call deadlines. */
package dev.midasbridge.core.gateway;
