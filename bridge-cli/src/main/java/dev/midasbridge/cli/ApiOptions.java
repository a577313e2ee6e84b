package dev.midasbridge.cli;

import com.google.inject.Injector;
import dev.midasbridge.app.BridgeApplication;
import dev.midasbridge.app.BridgeSettings;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.app.config.ConfigFile;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.Sleeper;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options every command that calls the payment APIs shares: configuration, base URL, environment, version. */
final class ApiOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "bridge.json",
            description = "The configuration file (default ${DEFAULT-VALUE}; format in the README).")
    Path config;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "Call this base URL instead of the configured one"
                    + " (e.g. a stand-in server: http://127.0.0.1:8080).")
    String baseUrl;

    @Option(names = "--sandbox", description = "Call the sandbox (sandbox path or env 1, sandbox AppKeys).")
    boolean sandbox;

    @Option(
            names = "--api",
            paramLabel = "v1|v2",
            description = "Force new orders onto one version, and name the"
                    + " version of a deduction the journal does not know (refund). An order already journaled still goes to the"
                    + " version that first saw it.")
    String api;

    @Option(
            names = "--session-key-env",
            paramLabel = "NAME",
            defaultValue = "MIDAS_BRIDGE_SESSION_KEY",
            description = "The environment variable holding the player's session_key (default ${DEFAULT-VALUE}).")
    String sessionKeyEnv;

    /** Whether the command may call both environments (reconcile), so that both environments' keys are needed. */
    boolean bothEnvironments;

    ConfigFile configFile(Map<String, String> env) {
        return ConfigFile.load(config, env);
    }

    Environment environment(ConfigFile file) {
        return sandbox ? Environment.SANDBOX : file.environment();
    }

    /** The bridge application built from the configuration {@code file} and these options, its journal open. */
    Injector injector(ConfigFile file) {
        return injector(file, false, null);
    }

    /**
     * The bridge application; with {@code lazyJournal} the journal is opened only if the command uses it (balance
     * does not). {@code spec}, if given, prints the journal under --verbose. A journal that cannot be opened is a
     * {@code JournalException} (one line, exit 2), never a Guice ProvisionException.
     */
    Injector injector(ConfigFile file, boolean lazyJournal, CommandSpec spec) {
        // one command calls one environment: the other environment's AppKeys need not be set (reconcile: both)
        BridgeSettings s = file.settings(
                Optional.ofNullable(baseUrl),
                Sleeper.REAL,
                bothEnvironments ? java.util.EnumSet.allOf(Environment.class) : java.util.Set.of(environment(file)));
        if (lazyJournal) {
            s = new BridgeSettings(
                    s.midasV1(), s.payV2(), s.tokens(), s.bridge(), new JournalSettings.Lazy(s.journal()));
        }
        if (spec != null) {
            JournalAccess.announce(spec, s.journal());
        }
        if (api != null) {
            ApiVersion forced = ApiVersion.parse(api);
            RoutingPolicy all = forced == ApiVersion.MIDAS_V1 ? RoutingPolicy.allMidasV1() : RoutingPolicy.allPayV2();
            BridgeConfig b = s.bridge().toBuilder()
                    .router(Router.create(all))
                    .unjournaledOrderVersion(forced)
                    .build();
            s = new BridgeSettings(s.midasV1(), s.payV2(), s.tokens(), b, s.journal());
        }
        return BridgeApplication.start(s);
    }

    /** The player's session: the openid given and the session_key from the environment. */
    PlayerSession session(String openid, Map<String, String> env) {
        if (!sessionKeyEnv.matches("[A-Z_][A-Z0-9_]*")) {
            throw CliException.badInput("--session-key-env must name an environment variable (A-Z, 0-9 and _, not"
                    + " starting with a digit); the session_key itself goes in that variable (the value given is not"
                    + " shown, in case it is the key)");
        }
        String key = env.get(sessionKeyEnv);
        if (key == null || key.isEmpty()) {
            throw CliException.badInput("session_key of " + openid + ": set the environment variable " + sessionKeyEnv
                    + " (a session_key is a secret and never goes on the command line)");
        }
        return PlayerSession.of(openid, key);
    }
}
