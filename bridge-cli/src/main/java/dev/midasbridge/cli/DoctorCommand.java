package dev.midasbridge.cli;

import dev.midasbridge.app.BridgeSettings;
import dev.midasbridge.app.config.ConfigException;
import dev.midasbridge.app.config.ConfigFile;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.Sleeper;
import dev.midasbridge.midas.v1.MidasV1;
import dev.midasbridge.payv2.PayV2;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bridge doctor}: checks a configuration against the sandbox (or a stand-in): the access token, each
 * credential set against the version it is configured for, each AppKey signing a sandbox getbalance, the machine's
 * clock against the server's, and how to check the zones. A checklist with what to do for each failure.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "Check a configuration against the sandbox (or a stand-in server): the access token works,"
                + " each credential set belongs to the version it is configured for, each AppKey signs a sandbox"
                + " getbalance, the machine's clock is close to the server's; and how to check the zones. Prints a"
                + " checklist with what to do for each failure. Only balances are read: nothing is paid or changed.",
        footer = {
            "%nExamples:",
            "  MIDAS_BRIDGE_SESSION_KEY=... bridge doctor --config bridge.json --openid oTester1",
            "  bridge doctor --config bridge.json --openid oTester1 --base-url http://127.0.0.1:8080 --json",
            "%nThe player (--openid, a test account that logged in to the game; its session_key from"
                    + " MIDAS_BRIDGE_SESSION_KEY) is needed because getbalance is signed with the session_key too.",
            "%nExit codes: 0 every check passed; 1 some check failed (each says what to do); 2 bad input (flags)."
        })
final class DoctorCommand implements Callable<Integer> {
    /** Within this much of the server's clock, {@code ts} is taken as current (the pages name no window). */
    static final long DEFAULT_MAX_SKEW_SECONDS = 60;

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    @ParentCommand
    BridgeCli root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "bridge.json",
            description = "The configuration to check (default ${DEFAULT-VALUE}).")
    Path config;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "Check against this base URL instead of the configured one (e.g. a stand-in server).")
    String baseUrl;

    @Option(
            names = "--openid",
            required = true,
            description = "A test player who has logged in (getbalance is signed with its session_key).")
    String openid;

    @Option(names = "--zone", defaultValue = "1", description = "The player's zone_id (default ${DEFAULT-VALUE}).")
    String zone;

    @Option(
            names = "--session-key-env",
            paramLabel = "NAME",
            defaultValue = "MIDAS_BRIDGE_SESSION_KEY",
            description = "The environment variable holding the player's session_key (default ${DEFAULT-VALUE}).")
    String sessionKeyEnv;

    @Option(
            names = "--production",
            description = "Also check the production AppKeys (a production getbalance: a read, nothing changes).")
    boolean production;

    @Option(
            names = "--max-clock-skew-s",
            defaultValue = "" + DEFAULT_MAX_SKEW_SECONDS,
            description = "How far the machine's clock may be from the server's (default ${DEFAULT-VALUE} s).")
    long maxSkewSeconds;

    @Option(names = "--json", description = "Print one JSON object: {\"ok\", \"failed\", \"checks\": [...]}.")
    boolean json;

    /** One line of the checklist. */
    record Check(String name, Status status, String detail, String fix) {
        Map<String, Object> toJson() {
            return JsonOut.fields(
                    "check", name, "status", status.name().toLowerCase(Locale.ROOT), "detail", detail, "fix", fix);
        }
    }

    enum Status {
        OK("✓"),
        FAILED("✗"),
        SKIPPED("-"),
        MANUAL("?");

        final String mark;

        Status(String mark) {
            this.mark = mark;
        }
    }

    private final List<Check> checks = new ArrayList<>();

    @Override
    public Integer call() {
        if (maxSkewSeconds < 0) {
            throw CliException.badInput("--max-clock-skew-s " + maxSkewSeconds + ": must not be negative");
        }
        Map<String, String> env = root.env();
        Set<Environment> envs =
                production ? EnumSet.of(Environment.SANDBOX, Environment.PRODUCTION) : EnumSet.of(Environment.SANDBOX);
        BridgeSettings settings = configuration(env, envs);
        if (settings != null) {
            String base =
                    (baseUrl != null ? baseUrl : settings.midasV1().baseUrl().toString()).replaceAll("/+$", "");
            clock(base);
            boolean token = accessToken(settings.tokens());
            Optional<PlayerSession> session = session(env);
            if (token && session.isPresent()) {
                versions(settings, envs, session.get());
            } else {
                String why = token ? "no session_key for the player" : "no access token";
                for (ApiVersion v : List.of(ApiVersion.MIDAS_V1, ApiVersion.PAY_V2)) {
                    add(v.label() + " credentials", Status.SKIPPED, "not checked: " + why, null);
                }
            }
        }
        zones();
        return print();
    }

    // --- configuration ------------------------------------------------------------------------------------------

    private BridgeSettings configuration(Map<String, String> env, Set<Environment> envs) {
        try {
            ConfigFile file = ConfigFile.load(config, env);
            BridgeSettings s = file.settings(Optional.ofNullable(baseUrl), Sleeper.REAL, envs);
            add(
                    "configuration",
                    Status.OK,
                    config + " read: midas_v1 offer "
                            + s.midasV1().credentials().offerId() + ", pay_v2 offer "
                            + s.payV2().credentials().offerId() + ", against "
                            + (baseUrl != null ? baseUrl : s.midasV1().baseUrl().toString()).replaceAll("/+$", ""),
                    null);
            return s;
        } catch (ConfigException e) {
            add(
                    "configuration",
                    Status.FAILED,
                    e.getMessage(),
                    "fix the configuration (README: \"Configuration (bridge.json)\"); the other checks need it");
            for (String name : List.of("clock", "access token", "midas_v1 credentials", "pay_v2 credentials")) {
                add(name, Status.SKIPPED, "not checked: the configuration could not be used", null);
            }
            return null;
        }
    }

    // --- clock --------------------------------------------------------------------------------------------------

    /** The machine's clock against the server's {@code Date} header (whole seconds), halfway through the call. */
    private void clock(String base) {
        OkHttpClient http = new OkHttpClient.Builder()
                .callTimeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
        long before = System.currentTimeMillis();
        try (Response r = http.newCall(
                        new Request.Builder().url(base + "/").get().build())
                .execute()) {
            long after = System.currentTimeMillis();
            java.util.Date date = r.headers().getDate("Date");
            if (date == null) {
                add("clock", Status.SKIPPED, "the server at " + base + " sent no Date header to compare with", null);
                return;
            }
            long mine = (before + after) / 2;
            long skew = Math.round((date.getTime() + 500 - mine) / 1000.0); // Date is whole seconds: its middle
            long abs = Math.abs(skew);
            // the Date header has whole seconds: within a second is agreement
            String where = abs <= 1 ? "agrees (within 1 s) with" : abs + " s " + (skew > 0 ? "behind" : "ahead of");
            String detail = "this machine's clock " + where + " the server's (Date header of " + base + ")";
            if (abs > maxSkewSeconds + 1) {
                add(
                        "clock",
                        Status.FAILED,
                        detail + "; more than " + maxSkewSeconds + " s, so the ts of every request is off",
                        "synchronise the clock (e.g. `timedatectl set-ntp true`, or chrony/ntpd); ts must be the"
                                + " current UNIX time in seconds");
            } else {
                add("clock", Status.OK, detail, null);
            }
        } catch (IOException e) {
            add(
                    "clock",
                    Status.FAILED,
                    "could not reach " + base + ": " + e.getMessage(),
                    "check base_url (or --base-url) and the network");
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    // --- access token -------------------------------------------------------------------------------------------

    private int tokenCheck = -1;

    private boolean accessToken(AccessTokenProvider tokens) {
        try {
            tokens.current();
            tokenCheck = add("access token", Status.OK, "fetched; the calls below use it", null);
            return true;
        } catch (PaymentException e) {
            add(
                    "access token",
                    Status.FAILED,
                    e.getMessage(),
                    "check access_token in the configuration: the variable holding the token, or stable_token's"
                            + " appid and the app secret's variable");
            return false;
        }
    }

    private void tokenRefused(PaymentException e) {
        if (tokenCheck >= 0 && checks.get(tokenCheck).status() == Status.OK) {
            checks.set(
                    tokenCheck,
                    new Check(
                            "access token",
                            Status.FAILED,
                            "the API refused it: " + e.getMessage(),
                            "use a current access token of the mini-game's appid (stable_token, or the variable"
                                    + " access_token.env names)"));
        }
    }

    // --- the player ---------------------------------------------------------------------------------------------

    private Optional<PlayerSession> session(Map<String, String> env) {
        if (!sessionKeyEnv.matches("[A-Z_][A-Z0-9_]*")) {
            throw CliException.badInput("--session-key-env must name an environment variable (A-Z, 0-9 and _, not"
                    + " starting with a digit); the value given is not shown, in case it is the key");
        }
        String key = env.get(sessionKeyEnv);
        if (key == null || key.isEmpty()) {
            add(
                    "player",
                    Status.FAILED,
                    "no session_key for " + openid + ": " + sessionKeyEnv + " is not set",
                    "set " + sessionKeyEnv + " to the current session_key of " + openid
                            + " (getbalance is signed with it)");
            return Optional.empty();
        }
        return Optional.of(PlayerSession.of(openid, key));
    }

    // --- each version -------------------------------------------------------------------------------------------

    private void versions(BridgeSettings settings, Set<Environment> envs, PlayerSession session) {
        Player player = Player.of(openid, zone);
        boolean playerOk = false;
        String playerFailure = null;
        for (ApiVersion version : List.of(ApiVersion.MIDAS_V1, ApiVersion.PAY_V2)) {
            CurrencyGateway gateway = version == ApiVersion.MIDAS_V1
                    ? MidasV1.create(settings.midasV1(), settings.tokens())
                    : PayV2.create(settings.payV2(), settings.tokens());
            String label = version.label();
            boolean credentialsChecked = false;
            for (Environment environment : envs) {
                String keyName = label + " " + environment.name().toLowerCase(Locale.ROOT) + " AppKey";
                String keyVar = keyVariable(version, environment);
                CallContext call = environment == Environment.SANDBOX
                        ? CallContext.sandbox(session, CALL_TIMEOUT)
                        : CallContext.production(session, CALL_TIMEOUT);
                try {
                    Balance b = gateway.balance(BalanceQuery.of(player), call);
                    playerOk = true;
                    if (!credentialsChecked) {
                        add(label + " credentials", Status.OK, "offer and appid accepted by " + label, null);
                        credentialsChecked = true;
                    }
                    add(
                            keyName,
                            Status.OK,
                            "signs: a " + environment.name().toLowerCase(Locale.ROOT) + " getbalance answered"
                                    + " (balance " + b.balance() + ")",
                            null);
                } catch (PaymentException e) {
                    Outcome o = classify(version, e);
                    if (o == Outcome.TOKEN) {
                        tokenRefused(e);
                        add(keyName, Status.SKIPPED, "not checked: the access token was refused", null);
                        continue;
                    }
                    if (!credentialsChecked) {
                        credentialsChecked = true;
                        switch (o) {
                            case OTHER_VERSION ->
                                add(
                                        label + " credentials",
                                        Status.FAILED,
                                        otherVersionDetail(version, e),
                                        otherVersionFix(version));
                            case APPID ->
                                add(
                                        label + " credentials",
                                        Status.FAILED,
                                        "the appid may not use this offer: " + e.getMessage(),
                                        "midas_v1.appid must be the mini-game's appid, bound to the midas 1.0 offer");
                            case UNREACHABLE, OTHER ->
                                add(
                                        label + " credentials",
                                        Status.FAILED,
                                        "getbalance failed: " + e.getMessage(),
                                        o == Outcome.UNREACHABLE
                                                ? "check base_url (or --base-url) and the network, then run doctor again"
                                                : "see the errcode in API.md; fix the configuration it names");
                            default -> add(label + " credentials", Status.OK, "offer accepted by " + label, null);
                        }
                    }
                    switch (o) {
                        case APP_KEY ->
                            add(
                                    keyName,
                                    Status.FAILED,
                                    "rejected: " + e.getMessage()
                                            + (mentionsOtherVersion(version, e)
                                                    ? "; these look like the other version's credentials"
                                                    : ""),
                                    "set " + keyVar + " to the "
                                            + environment.name().toLowerCase(Locale.ROOT)
                                            + " AppKey of the " + label + " offer (each version and environment has its"
                                            + " own)");
                        case PLAYER -> {
                            playerFailure = e.getMessage();
                            add(
                                    keyName,
                                    Status.OK,
                                    "signs: the server checked the AppKey signature and went on to the player's",
                                    null);
                        }
                        default -> add(keyName, Status.SKIPPED, "not checked: the call failed before the AppKey", null);
                    }
                }
            }
        }
        if (playerFailure != null && !playerOk) {
            add(
                    "player",
                    Status.FAILED,
                    openid + "'s session_key was rejected: " + playerFailure,
                    "set " + sessionKeyEnv + " to the player's current session_key (it changes at every login)");
        } else if (playerOk) {
            add("player", Status.OK, openid + " (zone " + zone + ") signed with its session_key", null);
        }
    }

    private enum Outcome {
        TOKEN,
        OTHER_VERSION,
        APPID,
        APP_KEY,
        PLAYER,
        UNREACHABLE,
        OTHER
    }

    /**
     * What a failed getbalance says about the configuration. The commonest mistake is one version's credentials
     * configured for the other: 1.0 credentials on pay_v2 answer {@code 90018 [offer_id] offer_id is invalid}, 2.0
     * credentials on midas 1.0 answer {@code -1} with the triple {@code 1021-1021-0}.
     */
    private static Outcome classify(ApiVersion version, PaymentException e) {
        ErrorKind kind = e.kind();
        String errmsg = e.errmsg().orElse("");
        int errcode = e.errcode().orElse(0);
        if (kind == ErrorKind.ACCESS_TOKEN_INVALID || kind == ErrorKind.ACCESS_TOKEN_UNAVAILABLE) {
            return Outcome.TOKEN;
        }
        if (version == ApiVersion.PAY_V2 && errcode == 90018 && errmsg.contains("offer_id")) {
            return Outcome.OTHER_VERSION;
        }
        if (version == ApiVersion.MIDAS_V1
                && (kind == ErrorKind.CONFIGURATION_FAULT || errmsg.contains("1021-1021-0"))) {
            return Outcome.OTHER_VERSION;
        }
        if (kind == ErrorKind.PERMISSION_DENIED) {
            return Outcome.APPID;
        }
        if (kind == ErrorKind.APP_SIGNATURE_INVALID) {
            return Outcome.APP_KEY;
        }
        if (kind.mustReLogin()) {
            return Outcome.PLAYER;
        }
        if (kind.category() == ErrorKind.Category.OUTCOME_UNKNOWN || kind.category() == ErrorKind.Category.RETRYABLE) {
            return Outcome.UNREACHABLE;
        }
        return Outcome.OTHER;
    }

    private static boolean mentionsOtherVersion(ApiVersion version, PaymentException e) {
        String m = e.errmsg().orElse("").toLowerCase(Locale.ROOT);
        String other = version == ApiVersion.MIDAS_V1 ? "pay_v2" : "midas_v1";
        return m.contains(other);
    }

    private static String otherVersionDetail(ApiVersion version, PaymentException e) {
        String answered = e.errcode().isPresent()
                ? e.errcode().getAsInt() + " " + e.errmsg().orElse("")
                : "";
        return version == ApiVersion.PAY_V2
                ? "pay_v2 answered " + answered.strip() + ": these look like the other version's credentials"
                        + " (midas 1.0's offer id on pay_v2)"
                : "midas_v1 answered " + answered.strip() + ": these look like the other version's credentials"
                        + " (pay_v2's offer id or AppKey on midas 1.0)";
    }

    private static String otherVersionFix(ApiVersion version) {
        return version == ApiVersion.PAY_V2
                ? "put the 2.0 offer's id in pay_v2.offer_id and its AppKeys in the variables pay_v2 names (the 1.0"
                        + " and 2.0 offers have different ids and keys)"
                : "put the 1.0 offer's id in midas_v1.offer_id and its AppKeys in the variables midas_v1 names (the"
                        + " 1.0 and 2.0 offers have different ids and keys)";
    }

    private static String keyVariable(ApiVersion version, Environment environment) {
        boolean sandbox = environment == Environment.SANDBOX;
        if (version == ApiVersion.MIDAS_V1) {
            return sandbox
                    ? ConfigFile.DEFAULT_V1_SANDBOX_KEY_ENV + " (or midas_v1.sandbox_app_key_env)"
                    : ConfigFile.DEFAULT_V1_KEY_ENV + " (or midas_v1.app_key_env)";
        }
        return sandbox
                ? ConfigFile.DEFAULT_V2_SANDBOX_KEY_ENV + " (or pay_v2.sandbox_app_key_env)"
                : ConfigFile.DEFAULT_V2_KEY_ENV + " (or pay_v2.app_key_env)";
    }

    // --- zones --------------------------------------------------------------------------------------------------

    /** Neither version has an API that lists the published zones: say how to check them. */
    private void zones() {
        add(
                "zones",
                Status.MANUAL,
                "no API lists the published zones, so doctor cannot check them; the getbalance calls above used"
                        + " zone_id " + zone,
                "in the mini-game's MP admin (MP → 分区配置, the 分区ID column), check that every zone_id the game"
                        + " sends (and every zone in routing's pay_v2_zones/midas_v1_zones) is published for the env"
                        + " it is sent with, sandbox and production: pay_v2.pay takes a published zone id that matches"
                        + " env");
    }

    // --- output -------------------------------------------------------------------------------------------------

    private int add(String name, Status status, String detail, String fix) {
        checks.add(new Check(name, status, detail, fix));
        return checks.size() - 1;
    }

    private int print() {
        PrintWriter out = spec.commandLine().getOut();
        long failed = checks.stream().filter(c -> c.status() == Status.FAILED).count();
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            checks.forEach(c -> list.add(c.toJson()));
            out.println(JsonOut.of(JsonOut.fields("ok", failed == 0, "failed", failed, "checks", list)));
        } else {
            for (Check c : checks) {
                out.println(c.status().mark + " " + c.name() + ": " + c.detail());
                if (c.fix() != null) {
                    out.println("    " + (c.status() == Status.FAILED ? "fix: " : "how: ") + c.fix());
                }
            }
            out.println(
                    failed == 0
                            ? "doctor: every check passed"
                            : "doctor: " + failed + " check(s) failed (✗): fix each as it says, then run doctor again");
        }
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
