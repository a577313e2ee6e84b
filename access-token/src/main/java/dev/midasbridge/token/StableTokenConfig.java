package dev.midasbridge.token;

import dev.midasbridge.core.credentials.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * How to fetch access tokens: base URL, the mini-game's appid and app secret, how long before expiry a token is
 * renewed, the clock, the call timeout, and optionally an {@link OkHttpClient} to share. Immutable, validated by
 * its {@link Builder}; {@code toString()} masks the app secret.
 */
public final class StableTokenConfig {
    /** Where WeChat serves stable_token. */
    public static final String DEFAULT_BASE_URL = "https://api.weixin.qq.com/";
    /** Tokens are renewed this long before they expire unless configured otherwise. */
    public static final Duration DEFAULT_MARGIN = Duration.ofMinutes(5);
    /** The longest one token request may take unless configured otherwise. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    private final HttpUrl baseUrl;
    private final String appId;
    private final Secret appSecret;
    private final Duration margin;
    private final Clock clock;
    private final Duration callTimeout;
    private final OkHttpClient httpClient;

    private StableTokenConfig(Builder b) {
        this.baseUrl = b.baseUrl;
        this.appId = b.appId;
        this.appSecret = b.appSecret;
        this.margin = b.margin;
        this.clock = b.clock;
        this.callTimeout = b.callTimeout;
        this.httpClient = b.httpClient;
    }

    /** A builder for the mini-game {@code appId} and its {@code appSecret}. */
    public static Builder builder(String appId, Secret appSecret) {
        return new Builder(appId, appSecret);
    }

    /** The base URL, ending in '/'. */
    public HttpUrl baseUrl() {
        return baseUrl;
    }

    public String appId() {
        return appId;
    }

    public Secret appSecret() {
        return appSecret;
    }

    /** A cached token is renewed once fewer than this remain before its expiry. */
    public Duration margin() {
        return margin;
    }

    public Clock clock() {
        return clock;
    }

    /** The longest one token request may take. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** The client whose pool to share, if one was given. */
    public Optional<OkHttpClient> httpClient() {
        return Optional.ofNullable(httpClient);
    }

    @Override
    public String toString() {
        return "StableTokenConfig[baseUrl=" + baseUrl + ", appid=" + appId + ", secret=" + Secret.MASK + ", margin="
                + margin + ", callTimeout=" + callTimeout + "]";
    }

    /** Builds a {@link StableTokenConfig}; every setter validates its value at once. */
    public static final class Builder {
        private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
        private final String appId;
        private final Secret appSecret;
        private Duration margin = DEFAULT_MARGIN;
        private Clock clock = Clock.systemUTC();
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private OkHttpClient httpClient;

        private Builder(String appId, Secret appSecret) {
            if (appId == null || appId.isBlank()) {
                throw new IllegalArgumentException("appid: the stable_token request needs the mini-game's appid");
            }
            this.appId = appId;
            this.appSecret = Objects.requireNonNull(appSecret, "app secret");
        }

        /** An http(s) base URL; a missing trailing '/' is added. */
        public Builder baseUrl(String url) {
            HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
            if (parsed == null || parsed.query() != null) {
                throw new IllegalArgumentException(
                        "baseUrl \"" + url + "\": must be an http or https URL without" + " a query");
            }
            String s = parsed.toString();
            this.baseUrl = s.endsWith("/") ? parsed : HttpUrl.get(s + "/");
            return this;
        }

        /** How long before expiry a token is renewed; zero or more. */
        public Builder margin(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("margin " + value + ": must be zero or positive");
            }
            this.margin = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder callTimeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("callTimeout " + value + ": must be positive");
            }
            this.callTimeout = value;
            return this;
        }

        /** Shares {@code client}'s connection pool and dispatcher. */
        public Builder httpClient(OkHttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        public StableTokenConfig build() {
            return new StableTokenConfig(this);
        }
    }
}
