package dev.midasbridge.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.app.config.ConfigFile;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.OrderStatus;
import dev.midasbridge.journal.jdbc.JdbcJournal;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bridge status}: how a migration stands, in the terminal. From a running gateway, the status page's figures
 * ({@code GET /admin/status.json} on its admin listener, with the admin token); or from a journal, the orders per
 * status and version, the unresolved ones and the oldest of them.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "How the migration stands: a running gateway's figures (routing, requests and errcodes per"
                + " version, unknown and pending orders, shadow-read divergence, session-key misses, push events), or"
                + " a journal's orders per status and version.",
        footer = {
            "%nExamples:",
            "  bridge status --gateway http://127.0.0.1:8081 --admin-token-file admin-token",
            "  bridge status --config bridge.json        # the journal the configuration names",
            "  bridge status --journal data/journal --json",
            "%nA running gateway holds its embedded journal: ask the gateway (--gateway), not the journal.",
            "%nExit codes: 0 ok; 2 bad input (no such file, wrong token, not a gateway) or the journal cannot be"
                    + " opened; 5 the gateway could not be reached (try again later)."
        })
final class StatusCommand implements Callable<Integer> {
    private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);
    /** --json prints every field, null ones too (a journal without unresolved orders: oldest_unresolved null). */
    private static final JsonAdapter<Object> OUT = JSON.serializeNulls();

    @ParentCommand
    BridgeCli root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--gateway",
            paramLabel = "URL",
            description = "The gateway's admin API, e.g. http://127.0.0.1:8081 (needs --admin-token-file).")
    String gateway;

    @Option(
            names = "--admin-token-file",
            paramLabel = "FILE",
            description = "A file holding the gateway's admin token (`bridge gateway --standin` writes one).")
    Path adminTokenFile;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The configuration file naming the journal (default bridge.json when neither --gateway nor"
                    + " --journal is given).")
    Path config;

    @Option(
            names = "--journal",
            paramLabel = "PATH",
            description = "An embedded journal file (as in the configuration's \"embedded\"), without a configuration.")
    Path journal;

    @Option(
            names = "--limit",
            defaultValue = "1000000",
            paramLabel = "N",
            description = "Count at most this many orders of a journal, oldest first (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object.")
    boolean json;

    @Override
    public Integer call() {
        int sources = (gateway != null ? 1 : 0) + (config != null ? 1 : 0) + (journal != null ? 1 : 0);
        if (sources > 1) {
            throw CliException.badInput("give one of --gateway URL, --config FILE or --journal PATH");
        }
        if (gateway == null && adminTokenFile != null) {
            throw CliException.badInput("--admin-token-file goes with --gateway URL");
        }
        if (limit < 1) {
            throw CliException.badInput("--limit " + limit + ": must be at least 1");
        }
        return gateway != null ? fromGateway() : fromJournal();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    // ------------------------------------------------------------------------------------------------ gateway

    private int fromGateway() {
        if (adminTokenFile == null) {
            throw CliException.badInput("--gateway needs --admin-token-file FILE (the gateway's admin token)");
        }
        URI base;
        try {
            base = URI.create(gateway.endsWith("/") ? gateway : gateway + "/");
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("--gateway " + gateway + ": not a URL");
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
            throw CliException.badInput("--gateway " + gateway + ": an http:// or https:// URL is required");
        }
        String token = readToken(adminTokenFile);
        URI url = base.resolve("admin/status.json");
        HttpResponse<String> r;
        try {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            r = client.send(
                    HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(20))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.NOT_APPLIED_TRY_LATER,
                    "cannot reach the gateway at " + url + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.NOT_APPLIED_TRY_LATER, "interrupted");
        }
        if (r.statusCode() == 401) {
            throw CliException.badInput("the gateway at " + base + " refused the admin token in " + adminTokenFile
                    + " (HTTP 401): is it this gateway's token?");
        }
        if (r.statusCode() != 200) {
            throw CliException.badInput("the gateway at " + url + " answered HTTP " + r.statusCode()
                    + ": is this the gateway's admin listener (admin.port)?");
        }
        Map<String, Object> figures = object(r.body(), url.toString());
        Map<String, Object> totals = map(figures.get("totals"), "totals", url.toString());
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", "gateway");
            m.put("gateway", base.toString());
            m.put("generated_at", figures.get("generated_at"));
            m.put("totals", totals);
            out().println(OUT.toJson(m));
        } else {
            printGateway(base, figures, totals, url.toString());
        }
        out().flush();
        return ExitCodes.OK;
    }

    private static String readToken(Path file) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw CliException.badInput("--admin-token-file " + file + ": no such file");
        } catch (IOException e) {
            throw CliException.badInput("--admin-token-file " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        if (token.isEmpty() || token.lines().count() != 1 || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // never echo what the file holds: it may be a secret pasted in the wrong place
            throw CliException.badInput(
                    "--admin-token-file " + file + ": must hold the admin token alone, on one line");
        }
        return token;
    }

    private void printGateway(URI base, Map<String, Object> figures, Map<String, Object> totals, String where) {
        PrintWriter o = out();
        o.println("gateway: " + base + " (figures of " + figures.get("generated_at") + ")");
        Map<String, Object> routing = map(totals.get("routing_pay_v2_percent"), "routing", where);
        o.println("routing:            pay_v2 " + num(routing.get("production")) + "% in production, "
                + num(routing.get("sandbox")) + "% in the sandbox");
        Map<String, Object> requests = map(totals.get("requests"), "requests", where);
        double v1 = dbl(requests.get("midas_v1"));
        double v2 = dbl(requests.get("pay_v2"));
        o.println("requests:           " + pairs(requests)
                + (v1 + v2 > 0 ? String.format(Locale.ROOT, " (pay_v2 share %.1f%%)", 100 * v2 / (v1 + v2)) : ""));
        Map<String, Object> errcodes = map(totals.get("errcodes"), "errcodes", where);
        o.println("errcodes:           " + (errcodes.isEmpty() ? "none" : pairs(errcodes)));
        Map<String, Object> orders = map(totals.get("orders"), "orders", where);
        o.println(
                "orders:             pending " + num(orders.get("pending")) + ", unknown " + num(orders.get("unknown"))
                        + Optional.ofNullable(orders.get("oldest_unresolved_at"))
                                .map(t -> " (oldest unresolved since " + t + ")")
                                .orElse("")
                        + "; answered -1: " + num(orders.get("answered_unknown")));
        o.println("shadow reads:       " + pairs(map(totals.get("shadow_reads"), "shadow_reads", where)));
        o.println("session-key misses: " + pairs(map(totals.get("session_key_misses"), "session_key_misses", where)));
        o.println("push events:        " + pairs(map(totals.get("push_events"), "push_events", where)));
        o.println("charts: " + base + "admin/status/ (the admin token is the password)");
    }

    private static String pairs(Map<String, Object> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) ->
                b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(num(v)));
        return b.toString();
    }

    private static double dbl(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    /** A JSON number as written by a person: 3, 62.5; none as "-". */
    private static String num(Object v) {
        if (!(v instanceof Number n)) {
            return "-";
        }
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static Map<String, Object> object(String body, String where) {
        try {
            return map(JSON.fromJson(body), "the answer", where);
        } catch (IOException | JsonDataException e) {
            throw CliException.badInput(where + " did not answer JSON: is this the gateway's admin listener?");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what, String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw CliException.badInput(
                    where + ": " + what + " is missing from the answer (a gateway of another" + " version?)");
        }
        return (Map<String, Object>) m;
    }

    // ------------------------------------------------------------------------------------------------ journal

    private int fromJournal() {
        JournalSettings settings;
        if (journal != null) {
            settings = new JournalSettings.Embedded(journal, false, JdbcJournal.DEFAULT_LOCK_WAIT);
        } else {
            settings = ConfigFile.load(config == null ? Path.of("bridge.json") : config, root.env())
                    .journal();
        }
        JournalAccess.announce(spec, settings);
        List<JournalEntry> orders;
        try (Journal j = settings.open()) {
            orders = j.list(limit);
        }
        Map<String, Map<String, Long>> byStatus = new LinkedHashMap<>();
        Map<String, Long> byVersion = new LinkedHashMap<>();
        for (ApiVersion v : ApiVersion.values()) {
            byVersion.put(v.label(), 0L);
        }
        for (OrderStatus s : OrderStatus.values()) {
            Map<String, Long> row = new LinkedHashMap<>();
            for (ApiVersion v : ApiVersion.values()) {
                row.put(v.label(), 0L);
            }
            byStatus.put(s.name(), row);
        }
        JournalEntry oldest = null;
        long flagged = 0;
        for (JournalEntry e : orders) {
            byStatus.get(e.status().name()).merge(e.version().label(), 1L, Long::sum);
            byVersion.merge(e.version().label(), 1L, Long::sum);
            if (e.status().unresolved()) {
                if (oldest == null || e.createdAt().isBefore(oldest.createdAt())) {
                    oldest = e;
                }
                if (e.flagged()) {
                    flagged++;
                }
            }
        }
        long pending = byStatus.get(OrderStatus.PENDING.name()).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        long unknown = byStatus.get(OrderStatus.UNKNOWN.name()).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        boolean truncated = orders.size() >= limit;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", "journal");
            m.put("journal", settings.describe());
            m.put("orders", orders.size());
            m.put("truncated", truncated);
            m.put("by_version", byVersion);
            m.put("by_status", byStatus);
            m.put("pending", pending);
            m.put("unknown", unknown);
            m.put("flagged", flagged);
            m.put("oldest_unresolved", oldest == null ? null : describe(oldest));
            out().println(OUT.toJson(m));
        } else {
            PrintWriter o = out();
            o.println("journal: " + settings.describe());
            o.println("orders: " + orders.size() + (truncated ? " (the first " + limit + " only: --limit)" : "") + " ("
                    + pairs(new LinkedHashMap<>(byVersion)) + ")");
            o.printf(Locale.ROOT, "%-9s", "STATUS");
            for (ApiVersion v : ApiVersion.values()) {
                o.printf(Locale.ROOT, " %9s", v.label());
            }
            o.printf(Locale.ROOT, " %9s%n", "total");
            byStatus.forEach((status, row) -> {
                o.printf(Locale.ROOT, "%-9s", status);
                long total = 0;
                for (long n : row.values()) {
                    o.printf(Locale.ROOT, " %9d", n);
                    total += n;
                }
                o.printf(Locale.ROOT, " %9d%n", total);
            });
            o.println("unresolved: pending " + pending + ", unknown " + unknown
                    + (flagged > 0 ? ", flagged for a person " + flagged : ""));
            if (oldest != null) {
                o.println("oldest unresolved: " + oldest.key().orderNo() + " of "
                        + oldest.key().openid() + " ("
                        + oldest.status() + ", " + oldest.version().label() + ") since " + oldest.createdAt()
                        + ": run `bridge journal reconcile` within the 48-hour idempotency window");
            }
        }
        out().flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> describe(JournalEntry e) {
        return JsonOut.fields(
                "order",
                e.key().orderNo(),
                "openid",
                e.key().openid(),
                "status",
                e.status().name(),
                "version",
                e.version().label(),
                "created_at",
                e.createdAt().toString());
    }
}
