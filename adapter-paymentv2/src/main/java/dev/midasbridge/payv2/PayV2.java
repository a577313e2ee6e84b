package dev.midasbridge.payv2;

import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.gateway.CurrencyGateway;
import java.util.Objects;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;

/**
 * The entry point of the pay_v2 adapter: a {@link CurrencyGateway} (version PAY_V2) that calls WeChat's
 * {@code /wxa/game/*} endpoints with {@code pay_sig} and {@code signature}, refreshing a refused access token once.
 */
public final class PayV2 {
    private PayV2() {
    }

    /** A gateway with its own HTTP client. */
    public static CurrencyGateway create(PayV2Config config, AccessTokenProvider tokens) {
        return create(config, tokens, new OkHttpClient());
    }

    /**
     * A gateway sharing {@code client}'s connection pool and dispatcher; this adapter's timeouts apply, and
     * OkHttp's silent retries and redirects are turned off (the adapter classifies every failure itself).
     */
    public static CurrencyGateway create(PayV2Config config, AccessTokenProvider tokens, OkHttpClient client) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tokens, "access token provider");
        Objects.requireNonNull(client, "client");
        OkHttpClient http = client.newBuilder()
                .connectTimeout(config.connectTimeout())
                .callTimeout(config.callTimeout())
                .readTimeout(config.callTimeout())
                .writeTimeout(config.callTimeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        PayV2Service service = new Retrofit.Builder()
                .baseUrl(config.baseUrl())
                .client(http)
                .validateEagerly(true)
                .build()
                .create(PayV2Service.class);
        return new PayV2Gateway(service, config, tokens);
    }
}
