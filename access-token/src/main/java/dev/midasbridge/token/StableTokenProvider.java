package dev.midasbridge.token;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.midasbridge.core.credentials.AccessToken;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.error.TransportFailures;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AccessTokenProvider} backed by {@code POST /cgi-bin/stable_token}: it caches the token until
 * {@link StableTokenConfig#margin()} before its expiry, and is safe to share across threads: callers arriving while
 * a fetch is under way wait for that fetch and share its result (or its failure) instead of starting their own.
 *
 * <p>{@link #invalidate(AccessToken)} drops the cached token only if it is still the one given, so that many
 * threads reporting the same refused token cause one fetch. That fetch uses {@code force_refresh=false}: the
 * stable_token endpoint then returns the currently valid token, which is the right answer when the refused one has
 * simply been replaced, and costs none of the small daily {@code force_refresh} quota. Only if the server hands back
 * the very token that was just refused is one {@code force_refresh=true} fetch made.
 *
 * <p>Failures are typed {@link PaymentException}s whose detail says what happened in words (e.g.
 * {@code stable_token: connection refused}); adapters report any of them as {@code ACCESS_TOKEN_UNAVAILABLE}: a wrong appid or app secret (40013, 40125, ...) is a
 * configuration {@code ACCESS_TOKEN_INVALID}; transport failures are classified by {@link TransportFailures}; an
 * unreadable answer is {@code MALFORMED_RESPONSE}. The app secret and tokens never appear in messages or logs.
 */
public final class StableTokenProvider implements AccessTokenProvider {
    private static final Logger LOG = LoggerFactory.getLogger(StableTokenProvider.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final String ENDPOINT = "stable_token";

    private final StableTokenConfig config;
    private final OkHttpClient http;
    private final Clock clock;
    private final JsonAdapter<Map<String, Object>> json;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private AccessToken cached;
    /** Guarded by {@link #lock}: the fetch under way, if any. */
    private CompletableFuture<AccessToken> inFlight;
    /** Guarded by {@link #lock}: the token most recently invalidated, to detect the server handing it back. */
    private AccessToken refused;

    private StableTokenProvider(StableTokenConfig config) {
        this.config = config;
        this.clock = config.clock();
        this.http = config.httpClient()
                .orElseGet(OkHttpClient::new)
                .newBuilder()
                .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .build();
        this.json =
                new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    }

    /** A provider for {@code config}; it fetches lazily, on the first {@link #current()}. */
    public static StableTokenProvider create(StableTokenConfig config) {
        return new StableTokenProvider(Objects.requireNonNull(config, "config"));
    }

    @Override
    public AccessToken current() {
        CompletableFuture<AccessToken> fetch;
        boolean mine = false;
        synchronized (lock) {
            if (cached != null && fresh(cached)) {
                return cached;
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                mine = true;
            }
            fetch = inFlight;
        }
        if (!mine) {
            return await(fetch);
        }
        try {
            AccessToken token = fetchOnce();
            synchronized (lock) {
                cached = token;
                inFlight = null;
            }
            fetch.complete(token);
            return token;
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                inFlight = null;
            }
            fetch.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public void invalidate(AccessToken stale) {
        Objects.requireNonNull(stale, "stale");
        synchronized (lock) {
            if (stale.equals(cached)) {
                cached = null;
                refused = stale;
                LOG.debug("access token for appid {} invalidated; the next call fetches a new one", config.appId());
            }
        }
    }

    private boolean fresh(AccessToken token) {
        return clock.instant().isBefore(token.expiresAt().minus(config.margin()));
    }

    /** One fetch, and a forced one if the server handed back the token just refused. */
    private AccessToken fetchOnce() {
        AccessToken refusedToken;
        synchronized (lock) {
            refusedToken = refused;
            refused = null;
        }
        AccessToken token = fetch(false);
        if (refusedToken != null && refusedToken.value().equals(token.value())) {
            LOG.debug("stable_token handed back the refused token for appid {}; forcing a refresh", config.appId());
            token = fetch(true);
        }
        return token;
    }

    private AccessToken fetch(boolean forceRefresh) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_type", "client_credential");
        body.put("appid", config.appId());
        body.put("secret", config.appSecret().reveal());
        body.put("force_refresh", forceRefresh);
        Request request = new Request.Builder()
                .url(config.baseUrl().resolve("cgi-bin/stable_token"))
                .post(RequestBody.create(json.toJson(body), JSON))
                .build();
        Instant sentAt = clock.instant();
        LOG.debug("fetching an access token for appid {} (force_refresh={})", config.appId(), forceRefresh);
        String text;
        try (Response response = http.newCall(request).execute()) {
            if (response.code() != 200) {
                throw failure(ErrorKind.HTTP_STATUS, null, null, "stable_token: HTTP " + response.code());
            }
            ResponseBody responseBody = response.body();
            text = responseBody == null ? "" : responseBody.string();
        } catch (IOException e) {
            LOG.debug("stable_token transport failure {}", e.getClass().getSimpleName());
            throw PaymentException.of(
                    TransportFailures.kindOf(e), null, null, null, ENDPOINT + ": " + TransportFailures.describe(e), e);
        }
        return read(text, sentAt);
    }

    private AccessToken read(String text, Instant sentAt) {
        Map<String, Object> answer;
        try {
            answer = json.fromJson(text);
        } catch (IOException | RuntimeException e) {
            throw failure(
                    ErrorKind.MALFORMED_RESPONSE,
                    null,
                    null,
                    "stable_token answered a body that is not JSON ("
                            + e.getClass().getSimpleName() + ")");
        }
        if (answer == null) {
            throw failure(ErrorKind.MALFORMED_RESPONSE, null, null, "stable_token answered null");
        }
        Object errcode = answer.get("errcode");
        Object errmsg = answer.get("errmsg");
        if (errcode != null) {
            Long code = whole(errcode);
            if (code == null) {
                throw failure(ErrorKind.MALFORMED_RESPONSE, null, null, "stable_token answered a non-numeric errcode");
            }
            if (code != 0) {
                String msg = errmsg instanceof String s ? config.appSecret().maskIn(s) : null;
                int c = code == code.intValue() ? code.intValue() : Integer.MIN_VALUE;
                throw failure(kindOf(c), c, msg, "stable_token: errcode " + code + ", no access token issued");
            }
        }
        Object token = answer.get("access_token");
        Long expiresIn = whole(answer.get("expires_in"));
        if (!(token instanceof String t) || t.isEmpty()) {
            throw failure(ErrorKind.MALFORMED_RESPONSE, null, null, "stable_token answered without an access_token");
        }
        if (expiresIn == null || expiresIn <= 0) {
            throw failure(
                    ErrorKind.MALFORMED_RESPONSE,
                    null,
                    null,
                    "stable_token answered without a positive whole expires_in");
        }
        Instant expiresAt = sentAt.plus(Duration.ofSeconds(expiresIn));
        LOG.debug("access token for appid {} fetched, expires at {}", config.appId(), expiresAt);
        return new AccessToken(Secret.of(t), expiresAt);
    }

    /** What a stable_token errcode means. */
    static ErrorKind kindOf(int errcode) {
        return switch (errcode) {
            case -1 -> ErrorKind.SYSTEM_BUSY;
            // invalid appid, invalid or missing app secret, invalid grant_type, invalid credential
            case 40001, 40002, 40013, 40125, 41002, 41004 -> ErrorKind.ACCESS_TOKEN_INVALID;
            // caller IP not on the whitelist, API not permitted for this app
            case 40164, 48001, 89503 -> ErrorKind.PERMISSION_DENIED;
            default -> ErrorKind.UNKNOWN_ERRCODE;
        };
    }

    private static Long whole(Object value) {
        if (!(value instanceof Number n)) {
            return null;
        }
        try {
            return new BigDecimal(n.toString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static PaymentException failure(ErrorKind kind, Integer errcode, String errmsg, String detail) {
        return PaymentException.of(kind, null, errcode, errmsg, detail, null);
    }

    private static AccessToken await(CompletableFuture<AccessToken> fetch) {
        try {
            return fetch.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("access token fetch failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PaymentException.of(
                    ErrorKind.TIMEOUT, null, null, null, "interrupted while waiting for an access token", null);
        }
    }

    @Override
    public String toString() {
        return "StableTokenProvider[appid=" + config.appId() + ", token=" + Secret.MASK + "]";
    }
}
