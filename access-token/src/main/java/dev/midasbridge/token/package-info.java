/**
 * Access tokens from WeChat's {@code /cgi-bin/stable_token}: {@link dev.midasbridge.token.StableTokenProvider}
 * fetches, caches and renews them for the payment adapters, configured by
 * {@link dev.midasbridge.token.StableTokenConfig}.
 */
package dev.midasbridge.token;
