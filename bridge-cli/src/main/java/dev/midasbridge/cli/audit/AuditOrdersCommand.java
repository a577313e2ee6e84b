package dev.midasbridge.cli.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bridge audit-orders}: how many of a list of order numbers midas 1.0 and pay_v2 would reject, and why. */
@Command(
        name = "audit-orders",
        mixinStandardHelpOptions = true,
        description = "Count the order numbers (one per line, or a CSV column) that midas 1.0 and pay_v2 reject,"
                + " with the first offenders and their reasons. Control characters and bytes that are not UTF-8 are"
                + " shown escaped (\\u0001, \\xff). On a terminal, a large input shows a progress bar on stderr.",
        footer = {
            "%nExamples:",
            "  bridge audit-orders orders.txt",
            "  bridge audit-orders --column 3 --header --json exports/orders.csv",
            "  cut -d, -f2 orders.csv | bridge audit-orders -",
            "%nExit codes: 0 every order number is valid for pay_v2; 1 some are not; 2 bad input."
        })
public final class AuditOrdersCommand implements Callable<Integer> {
    /** Inputs at least this large show a progress bar (on a terminal); tests lower it. */
    static long progressFrom = 64L << 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The order numbers, one per line; - reads stdin.")
    String input;

    @Option(
            names = "--column",
            paramLabel = "N",
            description = "Read the N-th comma-separated field (from 1; RFC 4180 quotes understood).")
    Integer column;

    @Option(
            names = "--header",
            description = "The first line holds column names: skip it (line numbers still count it).")
    boolean header;

    @Option(names = "--all", description = "List every offender, not just the first K (--first).")
    boolean all;

    @Option(
            names = "--first",
            paramLabel = "K",
            defaultValue = "10",
            description = "How many offenders to list (default ${DEFAULT-VALUE}).")
    int first;

    @Option(
            names = "--json",
            description = "Print {\"offenders\":[{\"line\":…, \"value\":…, \"reasons\":[…]}, …],"
                    + " \"total\":…, \"invalid_midas_v1\":…, \"invalid_pay_v2\":…}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (column != null && column < 1) {
            throw new IllegalArgumentException("--column " + column + ": columns count from 1");
        }
        if (first < 0) {
            throw new IllegalArgumentException("--first " + first + ": must be 0 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OrderAudit audit = OrderAudit.create(all ? Integer.MAX_VALUE : first, column == null ? 0 : column, header);
        OrderAudit.Result r;
        if ("-".equals(input)) {
            try (InputStream stream = System.in;
                    TerminalProgress progress = json
                            ? TerminalProgress.none()
                            : TerminalProgress.bytes(err, "audit-orders (stdin)", -1, progressFrom)) {
                r = audit.run(stream, progress);
            }
        } else {
            Path p = Path.of(input);
            if (Files.isDirectory(p)) {
                throw new IllegalArgumentException("is a directory: " + input);
            }
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no such file: " + input);
            }
            long size = Files.size(p);
            try (TerminalProgress progress =
                    json ? TerminalProgress.none() : TerminalProgress.bytes(err, "audit-orders", size, progressFrom)) {
                r = audit.run(p, progress);
            }
        }
        if (json) {
            out.println(json(r));
        } else {
            out.printf("order numbers:        %d%n", r.total());
            out.printf("invalid for midas_v1: %d%n", r.invalidMidasV1());
            out.printf("invalid for pay_v2:   %d%n", r.invalidPayV2());
            if (!r.offenders().isEmpty()) {
                out.println(all ? "offenders:" : "first offenders:");
                for (OrderAudit.Offender o : r.offenders()) {
                    out.printf("  line %d: \"%s\": %s%n", o.line(), o.value(), String.join("; ", o.reasons()));
                }
            }
            long more = r.invalidPayV2() - r.offenders().size();
            if (more > 0) {
                out.printf("  ... and %d more (--all lists them)%n", more);
            }
        }
        out.flush();
        return r.invalidPayV2() > 0 ? 1 : 0;
    }

    /** The result as one line of JSON; the counts come last (benchmarks/run checks how the line ends). */
    static String json(OrderAudit.Result r) {
        StringBuilder sb = new StringBuilder(64 + r.offenders().size() * 96).append("{\"offenders\":[");
        for (int i = 0; i < r.offenders().size(); i++) {
            OrderAudit.Offender o = r.offenders().get(i);
            sb.append(i == 0 ? "" : ",").append("{\"line\":").append(o.line()).append(",\"value\":");
            jsonString(sb, o.value());
            sb.append(",\"reasons\":[");
            for (int k = 0; k < o.reasons().size(); k++) {
                sb.append(k == 0 ? "" : ",");
                jsonString(sb, o.reasons().get(k));
            }
            sb.append("]}");
        }
        return sb.append("],\"total\":")
                .append(r.total())
                .append(",\"invalid_midas_v1\":")
                .append(r.invalidMidasV1())
                .append(",\"invalid_pay_v2\":")
                .append(r.invalidPayV2())
                .append('}')
                .toString();
    }

    private static void jsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
