package dev.midasbridge.payv2;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.ApiCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Everything the pay_v2 adapter needs besides the access token: base URL, timeouts, the pay_v2 credentials
 * and the clock that stamps {@code ts}. Immutable and validated;
 * build it with {@link #builder(ApiCredentials)}. Adapters never read environment variables.
 */
public final class PayV2Config {
    /** WeChat's API host. */
    public static final String DEFAULT_BASE_URL = "https://api.weixin.qq.com";
    /** Used when no connect timeout is set. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Used when no call timeout is set: the upper bound of every call, whatever its deadline. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    private final HttpUrl baseUrl;
    private final Duration connectTimeout;
    private final Duration callTimeout;
    private final ApiCredentials credentials;
    private final Clock clock;

    private PayV2Config(Builder b) {
        this.baseUrl = parseBaseUrl(b.baseUrl);
        this.connectTimeout = positive("connect timeout", b.connectTimeout);
        this.callTimeout = positive("call timeout", b.callTimeout);
        this.credentials = b.credentials;
        this.clock = Objects.requireNonNull(b.clock, "clock");
    }

    /** A builder for {@code credentials}, which must be pay_v2 credentials ({@link ApiCredentials#payV2}). */
    public static Builder builder(ApiCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        if (credentials.version() != ApiVersion.PAY_V2) {
            throw new IllegalArgumentException("credentials: the pay_v2 adapter needs pay_v2 credentials (the 2.0 "
                    + "offer id and AppKeys), got " + credentials.version().label() + " credentials");
        }
        return new Builder(credentials);
    }

    private static HttpUrl parseBaseUrl(String text) {
        HttpUrl url = text == null ? null : HttpUrl.parse(text);
        if (url == null) {
            throw new IllegalArgumentException("base URL \"" + text + "\": must be an http or https URL");
        }
        if (url.query() != null || url.fragment() != null) {
            throw new IllegalArgumentException("base URL \"" + text + "\": must not have a query or fragment");
        }
        String s = url.toString();
        return s.endsWith("/") ? url : HttpUrl.get(s + "/");
    }

    private static Duration positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " " + d + ": must be positive");
        }
        return d;
    }

    /** The base URL, ending in '/'; the endpoints are {@code wxa/game/<op>} below it. */
    public HttpUrl baseUrl() {
        return baseUrl;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The longest any call may take; a call's own deadline may make it shorter. */
    public Duration callTimeout() {
        return callTimeout;
    }

    public ApiCredentials credentials() {
        return credentials;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "PayV2Config[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", callTimeout=" + callTimeout
                + ", credentials=" + credentials + "]";
    }

    /** Collects the settings; {@link #build()} validates them. */
    public static final class Builder {
        private final ApiCredentials credentials;
        private String baseUrl = DEFAULT_BASE_URL;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder(ApiCredentials credentials) {
            this.credentials = credentials;
        }

        /** Default {@value PayV2Config#DEFAULT_BASE_URL}. */
        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder callTimeout(Duration value) {
            this.callTimeout = value;
            return this;
        }

        /** The clock that stamps {@code ts}; default the system UTC clock. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public PayV2Config build() {
            return new PayV2Config(this);
        }
    }
}
