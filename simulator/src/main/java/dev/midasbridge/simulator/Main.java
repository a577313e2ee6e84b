package dev.midasbridge.simulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone stand-in server: {@code java -jar simulator.jar [--port 8080] [--host 127.0.0.1]
 * [--config FILE] [--admin]}. Without {@code --config} it runs the demo configuration and says where to find it.
 */
public final class Main {
    static final String USAGE = "usage: java -jar simulator.jar [--port N] [--host ADDRESS] [--config FILE] [--admin]\n"
            + "  --port N        port to listen on (default 8080; 0 = a free one)\n"
            + "  --host ADDRESS  address to bind (default 127.0.0.1)\n"
            + "  --config FILE   JSON configuration (format: the project README, section The stand-in server); default: the demo configuration\n"
            + "  --admin         enable the HTTP admin API under /__admin/\n"
            + "  --threads N                      threads serving calls (default 64)\n"
            + "  --max-body-bytes N               larger bodies get HTTP 413 (default 65536)\n"
            + "  --max-header-bytes N             larger request headers get HTTP 431 (default 8192)\n"
            + "  --header-timeout-ms N            time to send a request's headers (default 10000)\n"
            + "  --body-timeout-ms N              time to send a request's body (default 10000)\n"
            + "  --idle-timeout-ms N              a silent connection is closed after this (default 30000)\n"
            + "  --max-connections N              open connections in all (default 2048)\n"
            + "  --max-connections-per-address N  open connections from one client address (default 256)";

    private Main() {}

    /** Starts the server and blocks until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        StandInServer server;
        try {
            server = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("simulator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (server == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "stand-in-shutdown"));
        stopped.await();
    }

    /**
     * Parses {@code args}, starts the server and prints where it listens on {@code out}; returns null after
     * {@code --help}. Throws {@link IllegalArgumentException} (naming the argument or config field) on bad input.
     */
    public static StandInServer start(String[] args, PrintStream out) {
        StandInServer.Options options = StandInServer.Options.defaults().withPort(8080);
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> options = options.withPort(port(value(args, ++i, "--port")));
                case "--host" -> options = options.withHost(value(args, ++i, "--host"));
                case "--config" -> config = Path.of(value(args, ++i, "--config"));
                case "--admin" -> options = options.withAdmin(true);
                case "--threads" -> options = options.withThreads(positive("--threads", value(args, ++i, "--threads")));
                case "--max-body-bytes" ->
                    options = options.withLimits(options.limits()
                            .withMaxBodyBytes(positive(args[i], value(args, ++i, args[i - 1]))));
                case "--max-header-bytes" ->
                    options = options.withLimits(options.limits()
                            .withMaxHeaderBytes(positive(args[i], value(args, ++i, args[i - 1]))));
                case "--header-timeout-ms" ->
                    options = options.withLimits(options.limits()
                            .withHeaderTimeout(Duration.ofMillis(positive(args[i], value(args, ++i, args[i - 1])))));
                case "--body-timeout-ms" ->
                    options = options.withLimits(options.limits()
                            .withBodyTimeout(Duration.ofMillis(positive(args[i], value(args, ++i, args[i - 1])))));
                case "--idle-timeout-ms" ->
                    options = options.withLimits(options.limits()
                            .withIdleTimeout(Duration.ofMillis(positive(args[i], value(args, ++i, args[i - 1])))));
                case "--max-connections" ->
                    options = options.withLimits(options.limits()
                            .withMaxConnections(positive(args[i], value(args, ++i, args[i - 1]))));
                case "--max-connections-per-address" ->
                    options = options.withLimits(options.limits()
                            .withMaxConnectionsPerAddress(positive(args[i], value(args, ++i, args[i - 1]))));
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        SimulatorConfig cfg;
        if (config == null) {
            cfg = SimulatorConfig.demo();
            out.println("No --config given: using the demo configuration (resource " + SimulatorConfig.DEMO_RESOURCE
                    + " in simulator.jar; print it with `unzip -p simulator.jar "
                    + SimulatorConfig.DEMO_RESOURCE.substring(1)
                    + "`; documented in the project README, section The stand-in server).");
        } else {
            cfg = SimulatorConfig.load(config);
            out.println("Configuration: " + config.toAbsolutePath() + " (" + cfg + ")");
        }
        StandInServer server = StandInServer.start(cfg, options);
        out.println("midas-bridge stand-in server listening on " + server.baseUrl()
                + (options.adminEnabled() ? " (admin API at " + server.baseUrl() + "/__admin/)" : ""));
        out.flush();
        return server;
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int positive(String name, String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of at least 1, got " + text);
        }
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, got " + text);
        }
    }
}
