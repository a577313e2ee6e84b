package dev.midasbridge.midas.v1;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.ApiCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * How to reach midas 1.0: base URL, timeouts, the midas 1.0 credentials, {@code pf} and the clock that stamps {@code ts}. Immutable and validated by its {@link Builder};
 * {@code toString()} masks the AppKeys.
 */
public final class MidasV1Config {
    /** Where WeChat serves the API. */
    public static final String DEFAULT_BASE_URL = "https://api.weixin.qq.com/";
    /** The {@code pf} sent unless configured otherwise. */
    public static final String DEFAULT_PF = "android";
    /** How long to wait for a connection unless configured otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The longest one HTTP exchange may take unless configured otherwise. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    private final HttpUrl baseUrl;
    private final Duration connectTimeout;
    private final Duration callTimeout;
    private final ApiCredentials credentials;
    private final String pf;
    private final Clock clock;

    private MidasV1Config(Builder b) {
        this.baseUrl = b.baseUrl;
        this.connectTimeout = b.connectTimeout;
        this.callTimeout = b.callTimeout;
        this.credentials = b.credentials;
        this.pf = b.pf;
        this.clock = b.clock;
    }

    /** A builder for {@code credentials}, which must be midas 1.0 credentials (see {@link ApiCredentials#midasV1}). */
    public static Builder builder(ApiCredentials credentials) {
        return new Builder(credentials);
    }

    /** The base URL, always ending in '/'; paths {@code cgi-bin/midas/...} are resolved against it. */
    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /** How long to wait for a TCP/TLS connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The longest one HTTP exchange may take; a call's {@code CallContext} deadline shortens it. */
    public Duration callTimeout() {
        return callTimeout;
    }

    public ApiCredentials credentials() {
        return credentials;
    }

    /** The {@code pf} body parameter, e.g. "android". */
    public String pf() {
        return pf;
    }

    /** The clock that stamps {@code ts}. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "MidasV1Config[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", callTimeout="
                + callTimeout + ", credentials=" + credentials + ", pf=" + pf + "]";
    }

    /** Builds a {@link MidasV1Config}; every setter validates its value at once. */
    public static final class Builder {
        private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private final ApiCredentials credentials;
        private String pf = DEFAULT_PF;
        private Clock clock = Clock.systemUTC();

        private Builder(ApiCredentials credentials) {
            Objects.requireNonNull(credentials, "credentials");
            if (credentials.version() != ApiVersion.MIDAS_V1
                    || credentials.appId().isEmpty()) {
                throw new IllegalArgumentException("credentials: midas_v1 needs midas 1.0 credentials (appid, the"
                        + " 1.0 offer_id and midas AppKeys), got "
                        + credentials.version().label() + " credentials");
            }
            this.credentials = credentials;
        }

        /** An http(s) base URL, e.g. {@code https://api.weixin.qq.com}; a missing trailing '/' is added. */
        public Builder baseUrl(String url) {
            HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
            if (parsed == null) {
                throw new IllegalArgumentException("baseUrl \"" + url + "\": must be an http or https URL");
            }
            if (parsed.query() != null) {
                throw new IllegalArgumentException("baseUrl \"" + url + "\": must not carry a query");
            }
            String s = parsed.toString();
            this.baseUrl = s.endsWith("/") ? parsed : HttpUrl.get(s + "/");
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive("connectTimeout", value);
            return this;
        }

        public Builder callTimeout(Duration value) {
            this.callTimeout = positive("callTimeout", value);
            return this;
        }

        public Builder pf(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("pf: midas_v1 requires a non-empty pf, e.g. \"android\"");
            }
            this.pf = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public MidasV1Config build() {
            return new MidasV1Config(this);
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " " + value + ": must be positive");
            }
            return value;
        }
    }
}
