package dev.midasbridge.cli;

import dev.midasbridge.app.BridgeApplication;
import dev.midasbridge.cli.audit.AuditOrdersCommand;
import dev.midasbridge.cli.demo.DemoCommand;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.engine.journal.JournalException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bridge} command-line tool a migrating team uses every day. {@link #main} runs it as a process;
 * {@link #execute} runs it in-process with its own output streams (tests do).
 */
@Command(
        name = "bridge",
        mixinStandardHelpOptions = true,
        versionProvider = BridgeCli.Version.class,
        description = "midas-bridge: move a WeChat mini-game from midas 1.0 to pay_v2 without losing an order.",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            GatewayCommand.class,
            PaymentCommands.BalanceCommand.class,
            PaymentCommands.PayCommand.class,
            PaymentCommands.RefundCommand.class,
            PaymentCommands.GrantCommand.class,
            PaymentCommands.QueryOrderCommand.class,
            ClientPaymentCommand.class,
            SignCommand.class,
            VerifyCommand.class,
            EventsCommand.class,
            TranslateCommand.class,
            AuditOrdersCommand.class,
            JournalCommand.class,
            StatusCommand.class,
            ConformanceCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "%nExamples:",
            "  bridge demo                         # the whole migration on this machine",
            "  bridge audit-orders orders.txt      # which order numbers pay_v2 would refuse",
            "  bridge doctor --openid oTester1     # check the configuration against the sandbox",
            "  bridge pay --openid o1 --amount 10 --order B1 --config bridge.json",
            "  bridge COMMAND --help               # every command explains itself with an example",
            ExitCodes.HELP
        })
public final class BridgeCli {
    private final Map<String, String> env;

    /** Declared once, inherited by every command; the exception handler looks for it among the arguments. */
    @CommandLine.Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of unexpected errors.")
    boolean verbose;

    static {
        // HikariCP and Flyway log at INFO (pool started, schema validated) and dump stack traces at ERROR when the
        // journal cannot be opened; the CLI reports that itself in one line. Explicit settings still win.
        for (String quiet : new String[] {"com.zaxxer.hikari", "org.flywaydb"}) {
            String key = "org.slf4j.simpleLogger.log." + quiet;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "off");
            }
        }
    }

    private BridgeCli(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The environment variables commands read secrets from (the process's, or a test's). */
    Map<String, String> env() {
        return env;
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // The start-up probe, answered as picocli would but without building the command tree: about half of
            // the process's time otherwise (docs/BENCHMARKS.md, start-up).
            try {
                new PrintStream(System.out, true, StandardCharsets.UTF_8).println(new Version().getVersion()[0]);
                return;
            } catch (java.io.IOException e) {
                // fall through: picocli reports it
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(out, err, args));
    }

    /** Runs {@code bridge args...} writing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        return execute(out, err, System.getenv(), args);
    }

    /** As {@link #execute(PrintStream, PrintStream, String...)}, reading secrets from {@code env}. */
    public static int execute(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        // audit-orders is often run on its own over big files, where start-up counts against grep: its root holds
        // that one command, so picocli does not build (and load the classes of) all the others.
        Object root = args.length > 0 && args[0].equals("audit-orders") ? new AuditOnly() : new BridgeCli(env);
        CommandLine cli = new CommandLine(root);
        // UTF-8 whatever the locale (Java 17 would write '?' for every non-ASCII character under LANG=C)
        cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.expandedArgs().contains("--verbose");
            int code;
            String message;
            RuntimeException unwrapped = ex instanceof RuntimeException r ? BridgeApplication.unwrap(r) : null;
            if (unwrapped instanceof JournalException j) {
                // The journal could not be opened, read or written: one line naming it and the cause; nothing sent.
                code = ExitCodes.BAD_INPUT;
                message = j.getMessage();
                ex = j;
            } else if (ex instanceof CliException c) {
                code = c.exitCode();
                message = c.getMessage();
            } else if (ex instanceof PaymentException p) {
                code = exitCodeOf(p);
                message = p.getMessage();
            } else if (ex instanceof IllegalArgumentException) {
                code = ExitCodes.BAD_INPUT;
                message = ex.getMessage();
            } else {
                code = ExitCodes.BAD_INPUT;
                message = ex.getClass().getSimpleName() + ": " + ex.getMessage();
            }
            // a library's advice to programmers never reaches a user, whichever path the message took
            message = dev.midasbridge.app.config.JsonText.withoutHint(message);
            commandLine.getErr().println(prefix(commandLine) + message);
            if (verbose) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return code;
        });
        cli.setParameterExceptionHandler((ex, args2) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(prefix(c) + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            c.getErr().flush();
            return ExitCodes.BAD_INPUT;
        });
        return cli.execute(args);
    }

    /** The exit code of a failed payment call (see {@link ExitCodes} and the README's table). */
    static int exitCodeOf(PaymentException p) {
        return switch (p.kind().category()) {
            case OUTCOME_UNKNOWN -> ExitCodes.OUTCOME_UNKNOWN;
            case RETRYABLE -> ExitCodes.NOT_APPLIED_TRY_LATER;
            // refused before sending (nothing was sent) is bad input; a 90018 the server answered is the API's error
            case INVALID_INPUT ->
                p.kind() == dev.midasbridge.core.error.ErrorKind.INVALID_INPUT
                        ? ExitCodes.BAD_INPUT
                        : ExitCodes.PAYMENT_ERROR;
            case CONFIGURATION, RELOGIN, REJECTED -> ExitCodes.PAYMENT_ERROR;
        };
    }

    /** {@code bridge: }, {@code bridge pay: }, {@code bridge journal list: }: what every error line starts with. */
    private static String prefix(CommandLine c) {
        return c.getParent() == null ? "bridge: " : c.getCommandSpec().qualifiedName() + ": ";
    }

    /** {@code bridge} with only {@code audit-orders}: the same name, options and command as the full tree. */
    @Command(
            name = "bridge",
            mixinStandardHelpOptions = true,
            versionProvider = BridgeCli.Version.class,
            subcommands = {AuditOrdersCommand.class})
    static final class AuditOnly {
        @CommandLine.Option(
                names = "--verbose",
                scope = CommandLine.ScopeType.INHERIT,
                description = "Print stack traces of unexpected errors.")
        boolean verbose;
    }

    /**
     * The project version from the build: {@code version.properties}, which Maven fills in when it builds bridge-cli
     * (so it is right in the jar and in the classes directory alike); else the jar manifest's Implementation-Version.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = BridgeCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            String v = p.getProperty("version", "");
            if (v.isEmpty() || v.startsWith("${")) {
                v = BridgeCli.class.getPackage().getImplementationVersion();
            }
            return new String[] {"midas-bridge " + (v == null ? "(version unknown: not built by Maven)" : v)};
        }
    }
}
