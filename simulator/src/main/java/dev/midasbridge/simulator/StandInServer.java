package dev.midasbridge.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for WeChat's midas 1.0 and pay_v2 server APIs over real HTTP: both signatures checked (with a diagnosis
 * of common mistakes), one account per player seen through both versions, separate production and sandbox worlds,
 * 48-hour idempotency, a ledger, faults on demand and an optional admin API under {@code /__admin/}.
 * Start it with {@link #start(SimulatorConfig, Options)}; close it when done.
 */
public final class StandInServer implements AutoCloseable {
    static {
        // The JDK's server writes headers and body separately; with Nagle's algorithm on, every answer then waits for
        // the client's delayed ACK (about 40 ms on Linux loopback). Measured: the demo took 35 s with it, 7 s without.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(StandInServer.class);

    /**
     * How to run the server: bind address and port (0 = a free one), whether the HTTP admin API is on, the clock
     * (for the 48-hour idempotency window) and how many calls it serves at once.
     */
    public record Options(String host, int port, boolean adminEnabled, Clock clock, int threads) {
        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(clock, "clock");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
        }

        /** Loopback, a free port, admin API off, the system clock, 64 threads. */
        public static Options defaults() {
            return new Options("127.0.0.1", 0, false, Clock.systemUTC(), 64);
        }

        public Options withHost(String h) {
            return new Options(h, port, adminEnabled, clock, threads);
        }

        public Options withPort(int p) {
            return new Options(host, p, adminEnabled, clock, threads);
        }

        public Options withAdmin(boolean enabled) {
            return new Options(host, port, enabled, clock, threads);
        }

        public Options withClock(Clock c) {
            return new Options(host, port, adminEnabled, c, threads);
        }

        public Options withThreads(int n) {
            return new Options(host, port, adminEnabled, clock, n);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Api api;
    private final Faults faults;
    private final Admin admin;
    private final AdminHttp adminHttp;
    private final boolean adminEnabled;

    private StandInServer(HttpServer server, ExecutorService executor, Api api, Faults faults, Admin admin,
            boolean adminEnabled) {
        this.server = server;
        this.executor = executor;
        this.api = api;
        this.faults = faults;
        this.admin = admin;
        this.adminHttp = new AdminHttp(admin);
        this.adminEnabled = adminEnabled;
    }

    /** Starts a server with {@code config}'s players, orders and faults; throws if the port cannot be bound. */
    public static StandInServer start(SimulatorConfig config, Options options) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(options, "options");
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
        Admin admin = new Admin(bank, sessions, faults, token);
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(options.threads(), options.threads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "stand-in-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        http.setExecutor(executor);
        StandInServer s = new StandInServer(http, executor, new Api(config, bank, sessions, token), faults, admin,
                options.adminEnabled());
        http.createContext("/", s::handle);
        http.start();
        LOG.info("stand-in server listening on {} (admin API {})", s.baseUrl(), options.adminEnabled() ? "on" : "off");
        return s;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}, without a trailing slash: the base URL to give the adapters. */
    public String baseUrl() {
        InetSocketAddress address = server.getAddress();
        // Bound to every interface (0.0.0.0 / ::): loopback is the address that surely reaches it from here.
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    /** The in-process admin API (always available in-process; the HTTP one only when enabled). */
    public Admin admin() {
        return admin;
    }

    /** Stops listening and interrupts calls in progress (stalls included). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getRawPath();
            if (path.equals("/__admin") || path.startsWith("/__admin/")) {
                if (adminEnabled) {
                    adminHttp.handle(ex, path.substring("/__admin".length()), query(ex), ex.getRequestBody().readAllBytes());
                } else {
                    send(ex, 404, "application/json", Json.write(Api.error(40066, "invalid url " + path)));
                }
                return;
            }
            Api.Route route = Api.Route.of(path);
            if (route == null) {
                send(ex, 404, "application/json", Json.write(Api.error(40066, "invalid url " + path)));
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                send(ex, 200, "application/json", Json.write(Api.error(43002, "require POST method")));
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            Api.Step step = api.handle(route, query(ex), body);
            if (step instanceof Api.Answer a) {
                sendJson(ex, a.json());
                return;
            }
            serve(ex, route, (Api.Ready) step);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("stand-in server failed on {}", ex.getRequestURI().getRawPath(), e);
            try {
                sendJson(ex, Api.error(-1, "system error in the stand-in server: " + e.getClass().getSimpleName()));
            } catch (IOException ignored) {
                // the client is gone
            }
        } finally {
            ex.close();
        }
    }

    private void serve(HttpExchange ex, Api.Route route, Api.Ready ready) throws IOException, InterruptedException {
        Optional<Fault> latency = faults.take(EnumSet.of(FaultKind.LATENCY), ready.endpoint(), ready.openid(), ready.billNos());
        if (latency.isPresent()) {
            Thread.sleep(latency.get().delay().toMillis());
        }
        Optional<Fault> before = faults.take(Faults.BEFORE_APPLY, ready.endpoint(), ready.openid(), ready.billNos());
        if (before.isPresent()) {
            FaultKind kind = before.get().kind();
            LOG.info("fault {} on {} {} for {}", kind.wireName(), route.version().label(), route.path(), ready.openid());
            switch (kind) {
                case BUSY -> sendJson(ex, Api.error(-1, "system busy (injected fault)"));
                case ERRCODE -> sendJson(ex, Api.error(before.get().errcode(),
                        "errcode " + before.get().errcode() + " (injected fault)"));
                case HTTP_502 -> send(ex, 502, "text/html",
                        "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>");
                case NOT_JSON -> send(ex, 200, "text/html", "<html><body>system error, please retry</body></html>");
                case DROP_BEFORE_APPLY -> {
                    // closing the exchange before any response closes the connection
                }
                default -> throw new IllegalStateException(kind.name());
            }
            return;
        }
        Map<String, Object> result = ready.apply().get();
        Optional<Fault> after = faults.take(Faults.AFTER_APPLY, ready.endpoint(), ready.openid(), ready.billNos());
        if (after.isPresent()) {
            FaultKind kind = after.get().kind();
            LOG.info("fault {} on {} {} for {} (errcode {} applied)", kind.wireName(), route.version().label(),
                    route.path(), ready.openid(), result.get("errcode"));
            if (kind == FaultKind.DROP_AFTER_APPLY) {
                return;
            }
            Thread.sleep(after.get().delay().toMillis());
        }
        sendJson(ex, result);
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                out.putIfAbsent(k, v);
            }
        }
        return out;
    }

    static void sendJson(HttpExchange ex, Map<String, Object> json) throws IOException {
        send(ex, 200, "application/json; charset=utf-8", Json.write(json));
    }

    static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
