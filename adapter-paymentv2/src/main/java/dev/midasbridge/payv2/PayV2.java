package dev.midasbridge.payv2;

import dev.midasbridge.adapter.support.AdapterHttp;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.gateway.CurrencyGateway;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * The entry point of the pay_v2 adapter: a {@link CurrencyGateway} (version PAY_V2) that calls WeChat's
 * {@code /wxa/game/*} endpoints with {@code pay_sig} and {@code signature}, refreshing a refused access token once,
 * on the HTTP set-up both adapters share ({@link AdapterHttp}: no redirects, no silent retries).
 */
public final class PayV2 {
    private PayV2() {}

    /** A gateway on the process-wide shared HTTP client ({@link AdapterHttp#sharedClient()}). */
    public static CurrencyGateway create(PayV2Config config, AccessTokenProvider tokens) {
        return create(config, tokens, AdapterHttp.sharedClient());
    }

    /** A gateway sharing {@code client}'s connection pool and dispatcher; timeouts come from {@code config}. */
    public static CurrencyGateway create(PayV2Config config, AccessTokenProvider tokens, OkHttpClient client) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tokens, "access token provider");
        OkHttpClient http = AdapterHttp.client(client, config.connectTimeout(), config.callTimeout());
        PayV2Service service = AdapterHttp.service(PayV2Service.class, config.baseUrl(), http, null);
        return new PayV2Gateway(service, config, tokens);
    }
}
