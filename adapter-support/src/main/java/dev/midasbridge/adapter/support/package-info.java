/**
 * What both adapters share, so that the twin gateways cannot drift: {@link dev.midasbridge.adapter.support.AdapterHttp}
 * (the one OkHttpClient: shared pool, no redirects, no silent retries; Retrofit set-up),
 * {@link dev.midasbridge.adapter.support.Exchange} (one call: access token, {@code beforeSend}, HTTP and body errors,
 * the token refresh-and-repeat-once, errcode classification, secrets masked in errmsg) and
 * {@link dev.midasbridge.adapter.support.GatewayModule} (the Guice bindings). Adapters depend on this module, never on
 * each other.
 */
package dev.midasbridge.adapter.support;
