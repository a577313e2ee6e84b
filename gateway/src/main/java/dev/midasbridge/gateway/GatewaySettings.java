package dev.midasbridge.gateway;

import dev.midasbridge.core.credentials.Secret;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway runs: where it listens (and its admin API), its limits, the upstream it forwards to, the key
 * session keys are encrypted under, how long they are kept, and how often the reconciler runs. Build with
 * {@link #builder(String)}; every setting but the upstream has a default. Never prints a secret.
 */
public record GatewaySettings(
        String host,
        int port,
        String adminHost,
        int adminPort,
        Optional<Secret> adminToken,
        int maxBodyBytes,
        int maxHeaderBytes,
        Duration idleTimeout,
        int maxThreads,
        int maxConnections,
        Duration stopTimeout,
        String upstreamBaseUrl,
        Duration upstreamTimeout,
        Optional<Secret> sessionEncryptionKey,
        String sessionEncryptionKeyEnv,
        Duration sessionTtl,
        Duration reconcileInterval,
        Optional<java.nio.file.Path> tlsKeystore,
        Optional<Secret> tlsKeystorePassword,
        Duration bodyTimeout,
        int maxConnectionsPerAddress) {

    public GatewaySettings {
        Objects.requireNonNull(tlsKeystore, "tlsKeystore");
        Objects.requireNonNull(tlsKeystorePassword, "tlsKeystorePassword");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(adminHost, "adminHost");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(upstreamBaseUrl, "upstreamBaseUrl");
        Objects.requireNonNull(sessionEncryptionKey, "sessionEncryptionKey");
        Objects.requireNonNull(sessionEncryptionKeyEnv, "sessionEncryptionKeyEnv");
        port(port, "port");
        port(adminPort, "admin port");
        positive(maxBodyBytes, "max_body_bytes");
        positive(maxHeaderBytes, "max_header_bytes");
        if (maxThreads < 4) {
            throw new IllegalArgumentException("max_threads " + maxThreads + ": must be at least 4");
        }
        positive(maxConnections, "max_connections");
        positive(maxConnectionsPerAddress, "max_connections_per_address");
        for (Duration d :
                new Duration[] {idleTimeout, stopTimeout, upstreamTimeout, sessionTtl, reconcileInterval, bodyTimeout
                }) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }
    }

    private static void port(int p, String what) {
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException(what + " " + p + ": must be between 0 and 65535 (0 = a free one)");
        }
    }

    private static void positive(int n, String what) {
        if (n <= 0) {
            throw new IllegalArgumentException(what + " " + n + ": must be positive");
        }
    }

    /** Defaults: 127.0.0.1:8080, admin on 127.0.0.1:8081 (off without a token), 64 KiB bodies, 8 KiB headers. */
    public static Builder builder(String upstreamBaseUrl) {
        return new Builder(upstreamBaseUrl);
    }

    public Builder toBuilder() {
        Builder b = new Builder(upstreamBaseUrl);
        b.host = host;
        b.port = port;
        b.adminHost = adminHost;
        b.adminPort = adminPort;
        b.adminToken = adminToken.orElse(null);
        b.maxBodyBytes = maxBodyBytes;
        b.maxHeaderBytes = maxHeaderBytes;
        b.idleTimeout = idleTimeout;
        b.maxThreads = maxThreads;
        b.maxConnections = maxConnections;
        b.stopTimeout = stopTimeout;
        b.upstreamTimeout = upstreamTimeout;
        b.sessionEncryptionKey = sessionEncryptionKey.orElse(null);
        b.sessionEncryptionKeyEnv = sessionEncryptionKeyEnv;
        b.sessionTtl = sessionTtl;
        b.reconcileInterval = reconcileInterval;
        b.tlsKeystore = tlsKeystore.orElse(null);
        b.tlsKeystorePassword = tlsKeystorePassword.orElse(null);
        b.bodyTimeout = bodyTimeout;
        b.maxConnectionsPerAddress = maxConnectionsPerAddress;
        return b;
    }

    @Override
    public String toString() {
        return "GatewaySettings[" + (tlsKeystore.isPresent() ? "https " : "") + host + ":" + port + ", admin "
                + adminHost + ":" + adminPort
                + (adminToken.isPresent() ? " (token " + Secret.MASK + ")" : " (off)") + ", upstream "
                + upstreamBaseUrl + ", max_body_bytes " + maxBodyBytes + "]";
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private String adminHost = "127.0.0.1";
        private int adminPort = 8081;
        private Secret adminToken;
        private int maxBodyBytes = 64 * 1024;
        private int maxHeaderBytes = 8 * 1024;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int maxThreads = 64;
        private int maxConnections = 1024;
        private int maxConnectionsPerAddress = 256;
        private Duration bodyTimeout = Duration.ofSeconds(10);
        private Duration stopTimeout = Duration.ofSeconds(15);
        private String upstreamBaseUrl;
        private Duration upstreamTimeout = Duration.ofSeconds(30);
        private Secret sessionEncryptionKey;
        private String sessionEncryptionKeyEnv = "MIDAS_BRIDGE_SESSION_KEY_ENCRYPTION_KEY";
        private Duration sessionTtl = Duration.ofHours(72);
        private Duration reconcileInterval = Duration.ofSeconds(60);
        private java.nio.file.Path tlsKeystore;
        private Secret tlsKeystorePassword;

        private Builder(String upstreamBaseUrl) {
            this.upstreamBaseUrl = upstreamBaseUrl;
        }

        public Builder listen(String h, int p) {
            host = h;
            port = p;
            return this;
        }

        public Builder admin(String h, int p, Secret token) {
            adminHost = h;
            adminPort = p;
            adminToken = token;
            return this;
        }

        public Builder maxBodyBytes(int n) {
            maxBodyBytes = n;
            return this;
        }

        public Builder maxHeaderBytes(int n) {
            maxHeaderBytes = n;
            return this;
        }

        public Builder idleTimeout(Duration d) {
            idleTimeout = d;
            return this;
        }

        public Builder maxThreads(int n) {
            maxThreads = n;
            return this;
        }

        public Builder maxConnections(int n) {
            maxConnections = n;
            return this;
        }

        /** Connections one client address may hold open at once; the excess is closed as soon as it opens. */
        public Builder maxConnectionsPerAddress(int n) {
            maxConnectionsPerAddress = n;
            return this;
        }

        /** How long a client may take to send a request's whole body; then HTTP 408 and nothing is applied. */
        public Builder bodyTimeout(Duration d) {
            bodyTimeout = d;
            return this;
        }

        public Builder stopTimeout(Duration d) {
            stopTimeout = d;
            return this;
        }

        public Builder upstreamTimeout(Duration d) {
            upstreamTimeout = d;
            return this;
        }

        /** The AES key (base64, 32 bytes) and the environment variable it came from; none: a random key per run. */
        public Builder sessionEncryptionKey(Secret base64Key, String envName) {
            sessionEncryptionKey = base64Key;
            sessionEncryptionKeyEnv = envName;
            return this;
        }

        public Builder sessionTtl(Duration d) {
            sessionTtl = d;
            return this;
        }

        public Builder reconcileInterval(Duration d) {
            reconcileInterval = d;
            return this;
        }

        /** Serve the API listener over TLS with the key and certificate in a PKCS#12 keystore; default plain HTTP. */
        public Builder tls(java.nio.file.Path pkcs12, Secret password) {
            tlsKeystore = pkcs12;
            tlsKeystorePassword = password;
            return this;
        }

        public GatewaySettings build() {
            return new GatewaySettings(
                    host,
                    port,
                    adminHost,
                    adminPort,
                    Optional.ofNullable(adminToken),
                    maxBodyBytes,
                    maxHeaderBytes,
                    idleTimeout,
                    maxThreads,
                    maxConnections,
                    stopTimeout,
                    upstreamBaseUrl,
                    upstreamTimeout,
                    Optional.ofNullable(sessionEncryptionKey),
                    sessionEncryptionKeyEnv,
                    sessionTtl,
                    reconcileInterval,
                    Optional.ofNullable(tlsKeystore),
                    Optional.ofNullable(tlsKeystorePassword),
                    bodyTimeout,
                    maxConnectionsPerAddress);
        }
    }
}
