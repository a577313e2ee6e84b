package dev.midasbridge.cli;

import dev.midasbridge.simulator.Main;
import dev.midasbridge.simulator.StandInServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bridge serve}: the stand-in server for both APIs, until stopped (Ctrl-C). */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the stand-in server for midas 1.0 and pay_v2 (both signatures checked and diagnosed,"
                + " faults on demand) until stopped.",
        footer = {
            "%nExamples:",
            "  bridge serve                      # demo configuration on 127.0.0.1:8080",
            "  bridge serve --port 0 --config stand-in.json --admin",
            "%nThe configuration format (keys, players, orders, faults) is in the README.",
            "%nExit codes: 0 stopped; 2 bad input (port in use, invalid configuration)."
        })
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 = a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--config", paramLabel = "FILE", description = "Stand-in configuration (default: the demo one).")
    Path config;

    @Option(names = "--admin", description = "Enable the admin API under /__admin/ (seed balances, faults, ledger).")
    boolean admin;

    @Override
    public Integer call() throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port), "--host", host));
        if (config != null) {
            args.addAll(List.of("--config", config.toString()));
        }
        if (admin) {
            args.add("--admin");
        }
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        StandInServer server;
        try {
            server = Main.start(args.toArray(String[]::new), new PrintStream(said, true, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e.getCause() instanceof java.net.BindException) {
                message = "port " + port + " on " + host + " is in use; choose another with --port (0 = a free one)";
            }
            throw CliException.badInput(message);
        }
        spec.commandLine()
                .getOut()
                .print(said.toString(StandardCharsets.UTF_8).replace("java -jar simulator.jar", "bridge serve"));
        spec.commandLine().getOut().println("Stop with Ctrl-C.");
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "bridge-serve-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }
}
