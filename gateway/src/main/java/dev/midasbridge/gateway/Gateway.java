package dev.midasbridge.gateway;

import com.google.inject.Injector;
import dev.midasbridge.app.BridgeApplication;
import dev.midasbridge.app.BridgeSettings;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.SessionLookup;
import dev.midasbridge.engine.journal.Journal;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration gateway: a reverse proxy for the WeChat API host that answers midas 1.0 and pay_v2 requests through
 * the bridge (routing, journal, retries, translation), captures session keys from {@code /sns/jscode2session}, and
 * forwards everything else unchanged. Start with {@link #start}; {@link #close} shuts down gracefully (stop accepting,
 * finish requests under way, close the journal).
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Server server;
    private final ServerConnector connector;
    private final Optional<Server> adminServer;
    private final Optional<ServerConnector> adminConnector;
    private final Injector injector;
    private final Reconciler reconciler;
    private PushWiring push;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Gateway(
            Server server,
            ServerConnector connector,
            Optional<Server> adminServer,
            Optional<ServerConnector> adminConnector,
            Injector injector,
            Reconciler reconciler) {
        this.server = server;
        this.connector = connector;
        this.adminServer = adminServer;
        this.adminConnector = adminConnector;
        this.injector = injector;
        this.reconciler = reconciler;
    }

    /** The engine's session lookup, pointed at the session store once the injector has built it. */
    private static final class DeferredLookup implements SessionLookup {
        final AtomicReference<SessionLookup> target = new AtomicReference<>();

        @Override
        public Optional<PlayerSession> sessionFor(String openid) {
            SessionLookup t = target.get();
            return t == null ? Optional.empty() : t.sessionFor(openid);
        }
    }

    /**
     * Starts a gateway for the bridge {@code bridgeSettings} describes (its adapters' base URL is the upstream the
     * bridge calls), listening as {@code settings} says. Refunds of deductions the journal never saw go to midas
     * 1.0 unless the bridge configuration names another version: before the gateway, a game spoke midas 1.0.
     */
    public static Gateway start(BridgeSettings bridgeSettings, GatewaySettings settings) {
        return start(bridgeSettings, settings, PushSettings.none());
    }

    /** As {@link #start(BridgeSettings, GatewaySettings)}, with the push and client-payment endpoints {@code push}. */
    public static Gateway start(BridgeSettings bridgeSettings, GatewaySettings settings, PushSettings pushSettings) {
        Objects.requireNonNull(bridgeSettings, "bridgeSettings");
        Objects.requireNonNull(settings, "settings");
        DeferredLookup lookup = new DeferredLookup();
        BridgeConfig config = bridgeSettings.bridge();
        BridgeConfig.Builder b = config.toBuilder().sessionLookup(lookup);
        if (config.unjournaledOrderVersion().isEmpty()) {
            b.unjournaledOrderVersion(ApiVersion.MIDAS_V1);
        }
        BridgeSettings bs = new BridgeSettings(
                bridgeSettings.midasV1(),
                bridgeSettings.payV2(),
                bridgeSettings.tokens(),
                b.build(),
                bridgeSettings.journal());
        Injector injector = BridgeApplication.injector(bs, new GatewayModule(bs, settings));
        // The journal first: it creates (or checks) the database file before the session store adds its tables.
        try {
            injector.getInstance(Journal.class);
        } catch (com.google.inject.ProvisionException e) {
            throw BridgeApplication.unwrap(e);
        }
        SessionStore sessions = injector.getInstance(SessionStore.class);
        lookup.target.set(sessions);
        GameCurrency bridge = injector.getInstance(GameCurrency.class);
        GatewayMetrics metrics = injector.getInstance(GatewayMetrics.class);
        Upstream upstream = injector.getInstance(Upstream.class);
        PaymentService payments = injector.getInstance(PaymentService.class);
        Reconciler reconciler = injector.getInstance(Reconciler.class);

        // Concurrency is bounded by the pool's threads and the connection limit; Jetty wants its job queue unbounded.
        QueuedThreadPool pool = new QueuedThreadPool(settings.maxThreads(), Math.min(8, settings.maxThreads()));
        pool.setName("gateway");
        Server server = new Server(pool);
        ServerConnector connector = connector(
                server,
                settings,
                settings.host(),
                settings.port(),
                settings.tlsKeystore().isPresent());
        connector.addBean(new AddressLimit(settings.maxConnectionsPerAddress()));
        server.addBean(new NetworkConnectionLimit(settings.maxConnections(), server));
        ApiHandler api = new ApiHandler(
                payments,
                sessions,
                upstream,
                metrics,
                bridge.journal(),
                settings.maxBodyBytes(),
                settings.bodyTimeout());
        PushWiring push = PushWiring.create(injector, bs, settings, pushSettings, metrics, sessions, bridge);
        server.setHandler(new GracefulHandler(push.routes(api)));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(settings.stopTimeout().toMillis());
        server.setStopAtShutdown(false);

        Optional<Server> adminServer = Optional.empty();
        Optional<ServerConnector> adminConnector = Optional.empty();
        if (settings.adminToken().isPresent()) {
            QueuedThreadPool adminPool = new QueuedThreadPool(8, 2);
            adminPool.setName("gateway-admin");
            Server admin = new Server(adminPool);
            adminConnector = Optional.of(connector(admin, settings, settings.adminHost(), settings.adminPort(), false));
            StatusSampler status = injector.getInstance(StatusSampler.class);
            status.start();
            admin.setHandler(new GracefulHandler(new StatusPage(
                    settings.adminToken().get(),
                    status,
                    new AdminHandler(
                            settings.adminToken().get(),
                            bridge,
                            sessions,
                            reconciler,
                            metrics,
                            settings.maxBodyBytes()))));
            admin.setErrorHandler(new JsonErrorHandler());
            admin.setStopTimeout(settings.stopTimeout().toMillis());
            adminServer = Optional.of(admin);
        }
        try {
            server.start();
            if (adminServer.isPresent()) {
                adminServer.get().start();
            }
        } catch (Exception e) {
            stopQuietly(server);
            adminServer.ifPresent(Gateway::stopQuietly);
            closeQuietly(injector);
            throw new IllegalStateException(
                    "cannot start the gateway on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(),
                    e);
        }
        reconciler.start();
        Gateway g = new Gateway(server, connector, adminServer, adminConnector, injector, reconciler);
        g.push = push;
        LOG.info("gateway listening on {} (upstream {})", g.baseUrl(), settings.upstreamBaseUrl());
        return g;
    }

    private static ServerConnector connector(
            Server server, GatewaySettings settings, String host, int port, boolean tls) {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(settings.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setSendDateHeader(true);
        ServerConnector c;
        if (tls) {
            org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl =
                    new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
            ssl.setKeyStorePath(
                    settings.tlsKeystore().orElseThrow().toAbsolutePath().toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(
                    settings.tlsKeystorePassword().map(p -> p.reveal()).orElse(""));
            org.eclipse.jetty.server.SecureRequestCustomizer secure =
                    new org.eclipse.jetty.server.SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            c = new ServerConnector(
                    server,
                    1,
                    1,
                    new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            c = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        }
        c.setHost(host);
        c.setPort(port);
        c.setIdleTimeout(settings.idleTimeout().toMillis());
        c.setAcceptQueueSize(128);
        server.addConnector(c);
        return c;
    }

    /** {@code http://host:port} (or {@code https://} with TLS) of the API listener. */
    public URI baseUrl() {
        String scheme = connector.getDefaultConnectionFactory() instanceof HttpConnectionFactory ? "http" : "https";
        return URI.create(scheme + "://" + hostOf(connector) + ":" + connector.getLocalPort());
    }

    /** {@code http://host:port} of the admin API, if it runs (it needs a token). */
    public Optional<URI> adminUrl() {
        return adminConnector.map(c -> URI.create("http://" + hostOf(c) + ":" + c.getLocalPort()));
    }

    private static String hostOf(ServerConnector c) {
        String h = c.getHost() == null ? "0.0.0.0" : c.getHost();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** The bridge behind the gateway (its router, journal, reconcile). */
    public GameCurrency bridge() {
        return injector.getInstance(GameCurrency.class);
    }

    /** The status page's sampler (tests take a sample when they want one). */
    StatusSampler status() {
        return injector.getInstance(StatusSampler.class);
    }

    /** Stores {@code sessionKey} as the player's current one, as the admin import does. */
    public void importSessionKey(String openid, String sessionKey) {
        injector.getInstance(SessionStore.class)
                .put(openid, dev.midasbridge.core.credentials.Secret.of(sessionKey), SessionStore.Source.ADMIN);
    }

    /**
     * Graceful shutdown: stop accepting, let requests under way finish (up to the stop timeout), stop the reconciler,
     * then close the journal, the database pool and the upstream client.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        stopQuietly(server);
        adminServer.ifPresent(Gateway::stopQuietly);
        reconciler.close();
        if (push != null) {
            push.close();
        }
        closeQuietly(injector);
        LOG.info(
                "gateway stopped in {} ms",
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    private static void stopQuietly(Server s) {
        try {
            s.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server: {}", e.getMessage());
        }
    }

    private static void closeQuietly(Injector injector) {
        try {
            injector.getInstance(StatusSampler.class).close();
        } catch (RuntimeException e) {
            LOG.warn("stopping the status sampler: {}", e.getMessage());
        }
        try {
            injector.getInstance(Upstream.class).close();
        } catch (RuntimeException e) {
            LOG.warn("closing the upstream client: {}", e.getMessage());
        }
        try {
            injector.getInstance(Journal.class).close();
        } catch (RuntimeException e) {
            LOG.warn("closing the journal: {}", e.getMessage());
        }
        try {
            injector.getInstance(GatewayDatabase.class).close();
        } catch (RuntimeException e) {
            LOG.warn("closing the gateway database: {}", e.getMessage());
        }
        try {
            injector.getInstance(GatewayMetrics.class).close();
        } catch (RuntimeException e) {
            LOG.warn("closing metrics: {}", e.getMessage());
        }
    }
}
