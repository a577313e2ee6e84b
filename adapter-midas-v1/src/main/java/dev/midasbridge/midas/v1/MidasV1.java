package dev.midasbridge.midas.v1;

import com.squareup.moshi.Moshi;
import dev.midasbridge.adapter.support.AdapterHttp;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.gateway.CurrencyGateway;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * The midas 1.0 adapter's entry point: a {@link CurrencyGateway} (version {@code MIDAS_V1}) that calls
 * {@code /cgi-bin/midas/*} over HTTP, on the HTTP set-up both adapters share ({@link AdapterHttp}: no redirects, no
 * silent retries, URLs never logged since they carry the access token).
 */
public final class MidasV1 {
    private MidasV1() {}

    /** A gateway on the process-wide shared HTTP client ({@link AdapterHttp#sharedClient()}). */
    public static CurrencyGateway create(MidasV1Config config, AccessTokenProvider tokens) {
        return create(config, tokens, AdapterHttp.sharedClient());
    }

    /** A gateway sharing {@code client}'s connection pool and dispatcher; timeouts come from {@code config}. */
    public static CurrencyGateway create(MidasV1Config config, AccessTokenProvider tokens, OkHttpClient client) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tokens, "tokens");
        OkHttpClient http = AdapterHttp.client(client, config.connectTimeout(), config.callTimeout());
        Moshi moshi = new Moshi.Builder().build();
        MidasV1Service service = AdapterHttp.service(MidasV1Service.class, config.baseUrl(), http, moshi);
        return new MidasV1Gateway(service, moshi, config, tokens);
    }
}
