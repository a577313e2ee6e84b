package dev.midasbridge.cli;

import com.google.inject.Injector;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.app.config.ConfigFile;
import dev.midasbridge.cli.audit.TerminalProgress;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.ReconcileReport;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalEvent;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.journal.jdbc.JdbcJournal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bridge journal list|show|reconcile|verify|init}: what the journal holds, one order's history, resolving
 * orders, checking the journal for damage, and creating a configured journal deliberately.
 */
@Command(
        name = "journal",
        mixinStandardHelpOptions = true,
        description = "Look into the journal: unresolved and flagged orders, one order's history, reconcile, verify"
                + " (is it damaged?) and init (create the journal the configuration names).",
        footer = {
            "%nExamples:",
            "  bridge journal list --config bridge.json          # unresolved orders, newest first",
            "  bridge journal show BillNo_123 --openid oUrsf0000 # one order and its history",
            "  bridge journal reconcile --sessions sessions.json # resolve what is still unknown",
            "  bridge journal verify                             # is the journal damaged?",
            "  bridge journal COMMAND --help                     # each explains itself with an example"
        },
        subcommands = {
            JournalCommand.ListCommand.class,
            JournalCommand.ShowCommand.class,
            JournalCommand.ReconcileCommand.class,
            JournalCommand.VerifyJournalCommand.class,
            JournalCommand.InitCommand.class
        })
final class JournalCommand {
    @ParentCommand
    BridgeCli root;

    /** The options the journal commands share. */
    abstract static class Sub {
        @ParentCommand
        JournalCommand journalCommand;

        @Spec
        CommandSpec spec;

        @Option(
                names = "--config",
                paramLabel = "FILE",
                defaultValue = "bridge.json",
                description = "The configuration file naming the journal (default ${DEFAULT-VALUE}).")
        Path config;

        @Option(names = "--json", description = "One JSON object per order.")
        boolean json;

        Map<String, String> env() {
            return journalCommand.root.env();
        }

        /** The journal the configuration names (printed under --verbose). */
        JournalSettings settings(ConfigFile file) {
            JournalSettings s = file.journal();
            JournalAccess.announce(spec, s);
            return s;
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        static Map<String, Object> row(JournalEntry e) {
            return JsonOut.fields(
                    "order",
                    e.key().orderNo(),
                    "openid",
                    e.key().openid(),
                    "zone_id",
                    e.key().zoneId(),
                    "env",
                    e.key().environment().name().toLowerCase(java.util.Locale.ROOT),
                    "kind",
                    e.kind().name().toLowerCase(java.util.Locale.ROOT),
                    "version",
                    e.version().label(),
                    "wire_order",
                    e.wireOrderNo(),
                    "amount",
                    e.amount().isPresent() ? e.amount().getAsLong() : null,
                    "status",
                    e.status().name(),
                    "attempts",
                    e.attempts(),
                    "flagged",
                    e.flagged(),
                    "last_error",
                    e.lastError()
                            .map(err -> err.kind() + (err.errcode() == null ? "" : " " + err.errcode()))
                            .orElse(null),
                    "created_at",
                    e.createdAt().toString());
        }

        void print(List<JournalEntry> rows) {
            if (json) {
                rows.forEach(e -> out().println(JsonOut.of(row(e))));
            } else if (rows.isEmpty()) {
                out().println("no orders");
            } else {
                out().printf(
                                "%-24s %-20s %-5s %-7s %-9s %-8s %8s %-7s %s%n",
                                "ORDER",
                                "OPENID",
                                "ENV",
                                "KIND",
                                "VERSION",
                                "STATUS",
                                "ATTEMPTS",
                                "FLAGGED",
                                "CREATED");
                for (JournalEntry e : rows) {
                    out().printf(
                                    "%-24s %-20s %-5s %-7s %-9s %-8s %8d %-7s %s%n",
                                    e.key().orderNo(),
                                    e.key().openid(),
                                    e.key().environment() == Environment.SANDBOX ? "sbx" : "prod",
                                    e.kind().name().toLowerCase(java.util.Locale.ROOT),
                                    e.version().label(),
                                    e.status(),
                                    e.attempts(),
                                    e.flagged() ? "yes" : "",
                                    e.createdAt());
                }
            }
            out().flush();
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Unresolved orders (PENDING, UNKNOWN), newest first,"
                    + " flagging those older than flag_after_hours for a person; --all lists every order.",
            footer = {"%nExamples:", "  bridge journal list", "  bridge journal list --all --limit 50 --json"})
    static final class ListCommand extends Sub implements Callable<Integer> {
        @Option(names = "--all", description = "Every order (newest first).")
        boolean all;

        @Option(names = "--limit", defaultValue = "1000", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            ConfigFile file = ConfigFile.load(config, env());
            JournalSettings settings = settings(file);
            try (Journal journal = settings.open()) {
                if (!json) {
                    out().println("journal: " + settings.describe());
                }
                List<JournalEntry> flagged =
                        journal.flagUnresolvedOlderThan(Instant.now().minus(file.flagAfter()), Instant.now());
                List<JournalEntry> rows;
                if (all) {
                    rows = journal.listNewestFirst(limit);
                } else {
                    List<JournalEntry> unresolved = new ArrayList<>(journal.unresolved()); // oldest first
                    java.util.Collections.reverse(unresolved);
                    rows = unresolved.stream().limit(limit).toList();
                }
                print(rows);
                if (!json && !flagged.isEmpty()) {
                    out().printf(
                                    "%d order(s) unresolved for over %d hours are flagged for a person: resolve them"
                                            + " with `bridge journal reconcile` before the 48-hour idempotency window closes.%n",
                                    flagged.size(), file.flagAfter().toHours());
                    out().flush();
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "One order and its history.",
            footer = {"%nExample:", "  bridge journal show BillNo_123 --openid oUrsf0000"})
    static final class ShowCommand extends Sub implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ORDER", description = "The order number as the game gave it.")
        String order;

        @Option(names = "--openid", required = true, description = "The player's openid.")
        String openid;

        @Option(names = "--zone", defaultValue = "1", description = "The player's zone_id (default ${DEFAULT-VALUE}).")
        String zone;

        @Option(names = "--sandbox", description = "An order of the sandbox.")
        boolean sandbox;

        @Override
        public Integer call() {
            ConfigFile file = ConfigFile.load(config, env());
            try (Journal journal = settings(file).open()) {
                JournalKey key = JournalKey.of(
                        sandbox ? Environment.SANDBOX : Environment.PRODUCTION, Player.of(openid, zone), order);
                JournalEntry e = journal.find(key)
                        .orElseThrow(() ->
                                CliException.badInput("order " + order + " of " + openid + " is not in the journal"));
                List<JournalEvent> history = journal.history(key);
                if (json) {
                    Map<String, Object> m = row(e);
                    List<Map<String, Object>> h = new ArrayList<>();
                    history.forEach(ev -> h.add(JsonOut.fields("at", ev.at().toString(), "event", ev.text())));
                    m.put("history", h);
                    out().println(JsonOut.of(m));
                } else {
                    row(e).forEach((k, v) -> out().printf("%-11s %s%n", k + ":", v));
                    out().println("history:");
                    history.forEach(ev -> out().printf("  %s  %s%n", ev.at(), ev.text()));
                }
                out().flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(
            name = "reconcile",
            mixinStandardHelpOptions = true,
            description = "Resume every unresolved order on the"
                    + " version that first saw it, until each is applied, not applied, or still unknown.",
            footer = {
                "%nExample:",
                "  bridge journal reconcile --sessions sessions.json",
                "%nsessions.json maps openid to the player's current session_key: {\"oUrsf0000\": \"...\"}. It holds"
                        + " secrets: keep it readable by the team only. Players without a session are skipped.",
                "%nOn a terminal a progress bar counts the orders (on stderr, erased before the results; never with"
                        + " --json or when stdout or stderr is not a terminal).",
                "%nExit codes: 0 every order resolved; 4 some still unknown or skipped; 2 bad input."
            })
    static final class ReconcileCommand extends Sub implements Callable<Integer> {
        @Option(
                names = "--base-url",
                paramLabel = "URL",
                description = "Call this base URL instead of the" + " configured one.")
        String baseUrl;

        @Option(
                names = "--sessions",
                paramLabel = "FILE",
                required = true,
                description = "JSON object: openid -> current session_key.")
        Path sessions;

        @Override
        public Integer call() throws IOException {
            ApiOptions api = new ApiOptions();
            api.config = config;
            api.baseUrl = baseUrl;
            api.bothEnvironments = true; // unresolved orders of either environment
            Map<String, PlayerSession> known = readSessions(sessions);
            Injector injector = api.injector(api.configFile(env()), false, spec);
            try (Journal journal = injector.getInstance(Journal.class)) {
                ReconcileReport r;
                // a bar on a terminal (never with --json), one step per order as reconcile asks for its player
                int unresolved = json ? 0 : journal.unresolved().size();
                try (TerminalProgress progress = json
                        ? TerminalProgress.none()
                        : TerminalProgress.start(
                                spec.commandLine().getErr(),
                                "reconciling " + unresolved + " unresolved order(s)",
                                unresolved,
                                "orders")) {
                    long[] asked = {0};
                    r = injector.getInstance(GameCurrency.class).reconcile(openid -> {
                        progress.accept(Math.min(++asked[0], unresolved));
                        return Optional.ofNullable(known.get(openid));
                    });
                }
                if (json) {
                    out().println(JsonOut.of(JsonOut.fields(
                            "applied",
                            r.applied(),
                            "not_applied",
                            r.notApplied(),
                            "still_unknown",
                            r.stillUnknown(),
                            "skipped",
                            r.skipped())));
                } else {
                    r.lines().forEach(out()::println);
                    out().printf(
                                    "reconciled %d: %d applied, %d not applied, %d still unknown, %d skipped%n",
                                    r.total(), r.applied(), r.notApplied(), r.stillUnknown(), r.skipped());
                }
                out().flush();
                return r.stillUnknown() + r.skipped() == 0 ? ExitCodes.OK : ExitCodes.OUTCOME_UNKNOWN;
            }
        }

        private static Map<String, PlayerSession> readSessions(Path file) throws IOException {
            Map<String, Object> m = CliInput.jsonObject(CliInput.read(file), "sessions file " + file);
            Map<String, PlayerSession> out = new HashMap<>();
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (!(e.getValue() instanceof String key)) {
                    throw CliException.badInput(
                            "sessions file " + file + ": expected a JSON object openid ->" + " session_key");
                }
                out.put(e.getKey(), PlayerSession.of(e.getKey(), key));
            }
            return out;
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Check the journal for damage: the"
                    + " database file, every row and event, each order's event hash chain and (embedded) the check file."
                    + " Prints what it checked and what is wrong.",
            footer = {
                "%nExamples:",
                "  bridge journal verify",
                "  bridge journal verify --accept   # after restoring a"
                        + " backup you trust, or for a journal from before check files",
                "%nExit codes: 0 the journal is sound (or --accept took it as it is); 1 it is damaged; 2 bad input or"
                        + " the journal cannot be reached."
            })
    static final class VerifyJournalCommand extends Sub implements Callable<Integer> {
        @Option(
                names = "--accept",
                description = "Declare the journal as it is now good: recompute the event chains"
                        + " and rewrite the check file, so it opens again. Only for a journal you have checked.")
        boolean accept;

        @Override
        public Integer call() {
            JournalSettings settings = settings(ConfigFile.load(config, env()));
            if (accept && !(settings instanceof JournalSettings.Embedded)) {
                throw CliException.badInput(
                        "--accept is for an embedded journal: a shared database has no check file" + " to rewrite");
            }
            JdbcJournal.Verification v = settings.verify(accept);
            if (json) {
                out().println(JsonOut.of(JsonOut.fields(
                        "journal",
                        v.journal(),
                        "checked",
                        v.checked(),
                        "problems",
                        v.problems(),
                        "ok",
                        v.ok(),
                        "accepted",
                        v.accepted())));
            } else {
                out().println("journal: " + settings.describe());
                v.checked().forEach(c -> out().println("checked: " + c));
                v.problems().forEach(p -> out().println("PROBLEM: " + p));
                if (v.accepted()) {
                    out().println("accepted: the journal as it is now is taken as good"
                            + (v.ok() ? "" : " (the problems above are no longer reported)"));
                } else if (v.ok()) {
                    out().println("ok: the journal is sound");
                } else {
                    out().println("DAMAGED: restore the journal from a backup, then run `bridge journal verify` again"
                            + " (README: \"A damaged journal\")");
                }
            }
            out().flush();
            return v.ok() || v.accepted() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    @Command(
            name = "init",
            mixinStandardHelpOptions = true,
            description = "Create the journal the configuration"
                    + " names (an embedded journal named in the configuration is never created by other commands, so a"
                    + " wrong path cannot silently start an empty journal).",
            footer = {"%nExample:", "  bridge journal init --config bridge.json"})
    static final class InitCommand extends Sub implements Callable<Integer> {
        @SuppressWarnings("try") // opening the journal creates it; it is not otherwise used
        @Override
        public Integer call() {
            JournalSettings settings = settings(ConfigFile.load(config, env()));
            if (settings instanceof JournalSettings.Embedded e) {
                if (java.nio.file.Files.exists(e.file().resolveSibling(e.file().getFileName() + ".mv.db"))) {
                    throw CliException.badInput("journal " + e.file() + " exists already: nothing created");
                }
                settings = new JournalSettings.Embedded(e.file(), true, e.lockWait());
            }
            try (Journal journal = settings.open()) {
                out().println("journal ready: " + settings.describe());
            }
            out().flush();
            return ExitCodes.OK;
        }
    }
}
