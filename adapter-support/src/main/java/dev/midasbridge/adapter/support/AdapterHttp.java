package dev.midasbridge.adapter.support;

import com.squareup.moshi.Moshi;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The HTTP set-up both adapters use: one shared {@link OkHttpClient} (one connection pool and dispatcher for every
 * gateway of the process), derived per adapter with its timeouts, never following redirects (a redirected POST is
 * not the call that was signed) and never retrying on its own (a repeated POST must be the caller's decision). URLs
 * are never logged: their query holds the access token.
 */
public final class AdapterHttp {
    private AdapterHttp() {}

    private static final class Shared {
        static final OkHttpClient CLIENT = strict(new OkHttpClient.Builder()).build();
    }

    /** The process-wide client every gateway derives from unless given another. */
    public static OkHttpClient sharedClient() {
        return Shared.CLIENT;
    }

    /**
     * {@code base}'s pool and dispatcher with an adapter's timeouts: {@code connectTimeout} for the connection and
     * {@code callTimeout} for a whole exchange (each call's deadline may shorten it); no redirects, no silent retries.
     */
    public static OkHttpClient client(OkHttpClient base, Duration connectTimeout, Duration callTimeout) {
        Objects.requireNonNull(base, "client");
        return strict(base.newBuilder())
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                // The per-call timeout (from the call's deadline) governs reading and writing.
                .readTimeout(0, TimeUnit.MILLISECONDS)
                .writeTimeout(0, TimeUnit.MILLISECONDS)
                .callTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    private static OkHttpClient.Builder strict(OkHttpClient.Builder b) {
        return b.retryOnConnectionFailure(false).followRedirects(false).followSslRedirects(false);
    }

    /**
     * A Retrofit {@code service} at {@code baseUrl} over {@code client}, its interface checked at once. With
     * {@code moshi}, request records are written by Moshi; without, bodies are sent as the bytes given.
     */
    public static <S> S service(Class<S> service, HttpUrl baseUrl, OkHttpClient client, Moshi moshi) {
        Retrofit.Builder b =
                new Retrofit.Builder().baseUrl(baseUrl).client(client).validateEagerly(true);
        if (moshi != null) {
            b.addConverterFactory(MoshiConverterFactory.create(moshi));
        }
        return b.build().create(service);
    }
}
