package dev.midasbridge.cli;

import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.app.config.ConfigException;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.gateway.Gateway;
import dev.midasbridge.gateway.GatewayConfigFile;
import dev.midasbridge.gateway.GatewaySettings;
import dev.midasbridge.gateway.StandIn;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bridge gateway}: the migration gateway, until SIGTERM (then a graceful shutdown). */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description = "Run the migration gateway: point the game server's WeChat API base URL at it instead of"
                + " https://api.weixin.qq.com; it answers midas 1.0 and pay_v2 through the bridge and forwards"
                + " everything else unchanged. Runs until SIGTERM (Ctrl-C), then shuts down gracefully.",
        footer = {
            "%nExamples:",
            "  bridge gateway --config gateway.json",
            "  bridge gateway --standin --port 8080 --pay-v2-percent 50 --world-out world.json",
            "%n--standin runs the gateway in front of an in-process stand-in server holding the demo world, with an",
            "embedded journal in a fresh temporary folder; --world-out writes what a client needs to sign requests.",
            "%nExit codes: 0 stopped; 2 bad input (configuration, port in use)."
        })
final class GatewayCommand implements Callable<Integer> {
    @ParentCommand
    BridgeCli root;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Gateway configuration (see the README).")
    Path config;

    @Option(names = "--standin", description = "Run in front of an in-process stand-in server (demo world).")
    boolean standin;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "With --standin: port (default ${DEFAULT-VALUE};" + " 0 = a free one).")
    int port;

    @Option(
            names = "--pay-v2-percent",
            defaultValue = "0",
            paramLabel = "N",
            description = "With --standin: percentage of players routed to pay_v2 (default ${DEFAULT-VALUE}).")
    int payV2Percent;

    @Option(names = "--world-out", paramLabel = "FILE", description = "With --standin: write the demo world as JSON.")
    Path worldOut;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (standin == (config != null)) {
            throw CliException.badInput("give either --config FILE or --standin");
        }
        if (!standin && (worldOut != null || payV2Percent != 0)) {
            throw CliException.badInput("--world-out and --pay-v2-percent go with --standin");
        }
        if (payV2Percent < 0 || payV2Percent > 100) {
            throw CliException.badInput("--pay-v2-percent " + payV2Percent + ": must be between 0 and 100");
        }
        StandIn world = null;
        Gateway gateway;
        try {
            if (standin) {
                world = StandIn.startDemo();
                Path dir = Files.createTempDirectory("bridge-gateway-standin");
                JournalSettings journal = new JournalSettings.Embedded(dir.resolve("journal"));
                byte[] t = new byte[16];
                new SecureRandom().nextBytes(t);
                String adminToken = HexFormat.of().formatHex(t);
                GatewaySettings settings = GatewaySettings.builder(world.baseUrl())
                        .listen("127.0.0.1", port)
                        .admin("127.0.0.1", 0, Secret.of(adminToken))
                        .build();
                gateway = Gateway.start(world.bridgeSettings(payV2Percent, journal), settings);
                for (Map.Entry<String, String> e : world.sessionKeys().entrySet()) {
                    gateway.importSessionKey(e.getKey(), e.getValue());
                }
                if (worldOut != null) {
                    Files.writeString(
                            worldOut, world.worldJson(gateway.baseUrl().toString()), StandardCharsets.UTF_8);
                    out.println("demo world written to " + worldOut);
                }
                out.println("stand-in server (upstream): " + world.baseUrl());
                out.println("journal: " + dir.resolve("journal"));
                // The bearer token goes to a file only its owner can read, never to the terminal or a log.
                Path tokenFile = dir.resolve("admin-token");
                Files.writeString(tokenFile, adminToken + "\n", StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(
                        tokenFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                out.println("admin API: " + gateway.adminUrl().orElseThrow() + " (bearer token in " + tokenFile
                        + ", this run only)");
                out.println("routing: " + payV2Percent + "% of players on pay_v2");
            } else {
                GatewayConfigFile.Loaded loaded = GatewayConfigFile.load(config, root.env());
                gateway = Gateway.start(loaded.bridge(), loaded.gateway(), loaded.push());
                gateway.adminUrl().ifPresent(u -> out.println("admin API: " + u));
            }
        } catch (ConfigException e) {
            closeQuietly(world);
            throw CliException.badInput(e.getMessage());
        } catch (IOException e) {
            closeQuietly(world);
            throw CliException.badInput("cannot write " + worldOut + ": " + e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            closeQuietly(world);
            throw CliException.badInput(e.getMessage());
        }
        gateway.adminUrl()
                .ifPresent(u -> out.println("status page: " + u + "/admin/status/ (the admin token is the password)"));
        out.println("gateway listening on " + gateway.baseUrl());
        out.println("Stop with SIGTERM (Ctrl-C).");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        StandIn upstream = world;
        Gateway g = gateway;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            g.close();
                            closeQuietly(upstream);
                            out.println(
                                    "gateway stopped: no longer accepting, requests under way finished, journal closed");
                            out.flush();
                            stopped.countDown();
                        },
                        "bridge-gateway-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    private static void closeQuietly(StandIn s) {
        if (s != null) {
            s.close();
        }
    }
}
