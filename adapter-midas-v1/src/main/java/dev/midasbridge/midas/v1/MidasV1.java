package dev.midasbridge.midas.v1;

import com.squareup.moshi.Moshi;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.gateway.CurrencyGateway;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The midas 1.0 adapter's entry point: a {@link CurrencyGateway} (version {@code MIDAS_V1}) that calls
 * {@code /cgi-bin/midas/*} over HTTP. OkHttp is set not to retry on its own (a repeated POST must be the caller's
 * decision) and never logs URLs, which carry the access token.
 */
public final class MidasV1 {
    private MidasV1() {
    }

    /** A gateway with its own HTTP client. */
    public static CurrencyGateway create(MidasV1Config config, AccessTokenProvider tokens) {
        return create(config, tokens, new OkHttpClient());
    }

    /** A gateway sharing {@code client}'s connection pool and dispatcher; timeouts come from {@code config}. */
    public static CurrencyGateway create(MidasV1Config config, AccessTokenProvider tokens, OkHttpClient client) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(client, "client");
        OkHttpClient http = client.newBuilder()
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // The per-call timeout (from the call's deadline) governs reading and writing.
                .readTimeout(0, TimeUnit.MILLISECONDS)
                .writeTimeout(0, TimeUnit.MILLISECONDS)
                .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .build();
        Moshi moshi = new Moshi.Builder().build();
        Retrofit retrofit = new Retrofit.Builder()
                .baseUrl(config.baseUrl())
                .client(http)
                .addConverterFactory(MoshiConverterFactory.create(moshi))
                .build();
        return new MidasV1Gateway(retrofit.create(MidasV1Service.class), moshi, config, tokens);
    }
}
