package dev.midasbridge.simulator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for WeChat's midas 1.0 and pay_v2 server APIs over real HTTP: both signatures checked (with a diagnosis
 * of common mistakes), one account per player seen through both versions, separate production and sandbox worlds,
 * 48-hour idempotency, a ledger, faults on demand and an optional admin API under {@code /__admin/}.
 * It runs on Jetty 12 with limits against hostile clients ({@link Limits}).
 * Start it with {@link #start(SimulatorConfig, Options)}; close it when done.
 */
public final class StandInServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandInServer.class);

    /**
     * What the server refuses to let one client take: body and header sizes, how long a client may take to send its
     * headers and its body, how long a silent connection stays open, and how many connections it holds (in all and
     * per client address). Defaults: {@link #defaults()}.
     */
    public record Limits(
            int maxBodyBytes,
            int maxHeaderBytes,
            Duration headerTimeout,
            Duration bodyTimeout,
            Duration idleTimeout,
            int maxConnections,
            int maxConnectionsPerAddress) {
        public Limits {
            Objects.requireNonNull(headerTimeout, "headerTimeout");
            Objects.requireNonNull(bodyTimeout, "bodyTimeout");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            positive("maxBodyBytes", maxBodyBytes);
            positive("maxHeaderBytes", maxHeaderBytes);
            positive("maxConnections", maxConnections);
            positive("maxConnectionsPerAddress", maxConnectionsPerAddress);
            for (Duration d : new Duration[] {headerTimeout, bodyTimeout, idleTimeout}) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("timeouts must be positive, got " + d);
                }
            }
        }

        private static void positive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
        }

        /**
         * 64 KiB bodies, 8 KiB of headers, 10 s to send the headers, 10 s to send the body, 30 s idle, 2048
         * connections in all, 256 per client address.
         */
        public static Limits defaults() {
            return new Limits(
                    64 * 1024,
                    8 * 1024,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(30),
                    2048,
                    256);
        }

        public Limits withMaxBodyBytes(int n) {
            return new Limits(
                    n,
                    maxHeaderBytes,
                    headerTimeout,
                    bodyTimeout,
                    idleTimeout,
                    maxConnections,
                    maxConnectionsPerAddress);
        }

        public Limits withMaxHeaderBytes(int n) {
            return new Limits(
                    maxBodyBytes, n, headerTimeout, bodyTimeout, idleTimeout, maxConnections, maxConnectionsPerAddress);
        }

        public Limits withHeaderTimeout(Duration d) {
            return new Limits(
                    maxBodyBytes,
                    maxHeaderBytes,
                    d,
                    bodyTimeout,
                    idleTimeout,
                    maxConnections,
                    maxConnectionsPerAddress);
        }

        public Limits withBodyTimeout(Duration d) {
            return new Limits(
                    maxBodyBytes,
                    maxHeaderBytes,
                    headerTimeout,
                    d,
                    idleTimeout,
                    maxConnections,
                    maxConnectionsPerAddress);
        }

        public Limits withIdleTimeout(Duration d) {
            return new Limits(
                    maxBodyBytes,
                    maxHeaderBytes,
                    headerTimeout,
                    bodyTimeout,
                    d,
                    maxConnections,
                    maxConnectionsPerAddress);
        }

        public Limits withMaxConnections(int n) {
            return new Limits(
                    maxBodyBytes, maxHeaderBytes, headerTimeout, bodyTimeout, idleTimeout, n, maxConnectionsPerAddress);
        }

        public Limits withMaxConnectionsPerAddress(int n) {
            return new Limits(maxBodyBytes, maxHeaderBytes, headerTimeout, bodyTimeout, idleTimeout, maxConnections, n);
        }
    }

    /**
     * How to run the server: bind address and port (0 = a free one), whether the HTTP admin API is on, the clock
     * (for the 48-hour idempotency window), how many calls it serves at once and its {@link Limits}.
     */
    public record Options(String host, int port, boolean adminEnabled, Clock clock, int threads, Limits limits) {
        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(limits, "limits");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
        }

        /** As before limits existed: the default {@link Limits}. */
        public Options(String host, int port, boolean adminEnabled, Clock clock, int threads) {
            this(host, port, adminEnabled, clock, threads, Limits.defaults());
        }

        /** Loopback, a free port, admin API off, the system clock, 64 threads, default limits. */
        public static Options defaults() {
            return new Options("127.0.0.1", 0, false, Clock.systemUTC(), 64, Limits.defaults());
        }

        public Options withHost(String h) {
            return new Options(h, port, adminEnabled, clock, threads, limits);
        }

        public Options withPort(int p) {
            return new Options(host, p, adminEnabled, clock, threads, limits);
        }

        public Options withAdmin(boolean enabled) {
            return new Options(host, port, enabled, clock, threads, limits);
        }

        public Options withClock(Clock c) {
            return new Options(host, port, adminEnabled, c, threads, limits);
        }

        public Options withThreads(int n) {
            return new Options(host, port, adminEnabled, clock, n, limits);
        }

        public Options withLimits(Limits l) {
            return new Options(host, port, adminEnabled, clock, threads, l);
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final String host;
    private final Admin admin;
    private final CountDownLatch closed;
    private final ConnectionGuard guard;
    private final PushSender pushSender;

    private StandInServer(
            Server server,
            ServerConnector connector,
            String host,
            Admin admin,
            CountDownLatch closed,
            ConnectionGuard guard,
            PushSender pushSender) {
        this.server = server;
        this.connector = connector;
        this.host = host;
        this.admin = admin;
        this.closed = closed;
        this.guard = guard;
        this.pushSender = pushSender;
    }

    /** Starts a server with {@code config}'s players, orders and faults; throws if the port cannot be bound. */
    public static StandInServer start(SimulatorConfig config, Options options) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(options, "options");
        Limits limits = options.limits();
        Bank bank = new Bank(options.clock());
        Sessions sessions = new Sessions();
        Faults faults = new Faults();
        AtomicReference<Secret> token = new AtomicReference<>(config.accessToken());
        for (SimulatorConfig.PlayerSeed p : config.players()) {
            sessions.login(p.openid(), p.sessionKey());
            for (Environment env : Environment.values()) {
                bank.seed(env, p.openid(), p.zoneId(), p.balance(), p.presentBalance());
            }
        }
        config.faults().forEach(faults::add);
        PushSender pushSender = new PushSender(config, options.clock());
        Admin admin = new Admin(bank, sessions, faults, token, pushSender, config);

        // Threads: the calls' own plus what Jetty keeps for accepting and selecting. The job queue behind them is
        // bounded by the connection limit (HTTP/1.1: one request at a time per connection), as Jetty advises
        // against a bounded queue of its own (it would refuse Jetty's internal jobs too).
        QueuedThreadPool pool = new QueuedThreadPool(options.threads() + 8, Math.min(8, options.threads() + 8), 30_000);
        pool.setName("stand-in");
        pool.setDaemon(true);
        pool.setStopTimeout(500);
        Server server = new Server(pool);
        server.setStopTimeout(500);
        ScheduledExecutorScheduler timer = new ScheduledExecutorScheduler("stand-in-timer", true);
        server.addBean(timer);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setIdleTimeout(limits.idleTimeout().toMillis());
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(128);
        connector.setAcceptedTcpNoDelay(true); // Jetty's default; answers must not wait for a delayed ACK
        ConnectionGuard guard = new ConnectionGuard(limits.maxConnectionsPerAddress(), limits.headerTimeout(), timer);
        connector.addBean(guard);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));

        CountDownLatch closed = new CountDownLatch(1);
        Api api = new Api(config, bank, sessions, token);
        server.setHandler(new Gateway(
                api,
                new Login(config, sessions, token),
                faults,
                new AdminHttp(admin, new PushAdminHttp(config, pushSender)),
                new ClientCheck(config, sessions, bank, pushSender, options.clock()),
                options.adminEnabled(),
                limits,
                timer,
                guard,
                closed));
        server.setErrorHandler(new JsonErrors());
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            pushSender.close();
            String where = "cannot listen on " + options.host() + ":" + options.port();
            if (e instanceof java.io.IOException io) {
                throw new java.io.UncheckedIOException(where, io);
            }
            throw new IllegalStateException(where + ": " + e.getMessage(), e);
        }
        guard.start();
        StandInServer s = new StandInServer(server, connector, options.host(), admin, closed, guard, pushSender);
        LOG.info(
                "stand-in server listening on {} (admin API {}; body cap {} bytes)",
                s.baseUrl(),
                options.adminEnabled() ? "on" : "off",
                limits.maxBodyBytes());
        return s;
    }

    /** The port it listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port}, without a trailing slash: the base URL to give the adapters. */
    public String baseUrl() {
        String h = host;
        try {
            // Bound to every interface (0.0.0.0 / ::): loopback is the address that surely reaches it from here.
            if (InetAddress.getByName(host).isAnyLocalAddress()) {
                h = "127.0.0.1";
            }
        } catch (UnknownHostException e) {
            // keep the name as given
        }
        if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + port();
    }

    /** The in-process admin API (always available in-process; the HTTP one only when enabled). */
    public Admin admin() {
        return admin;
    }

    /** Stops listening and ends calls in progress (stalls included). */
    @Override
    public void close() {
        closed.countDown();
        guard.stop();
        pushSender.close();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("stopping the stand-in server: {}", e.toString());
        }
    }
}
