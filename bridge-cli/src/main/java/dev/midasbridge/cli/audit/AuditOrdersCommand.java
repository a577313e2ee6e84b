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
@Command(name = "audit-orders", mixinStandardHelpOptions = true,
        description = "Count the order numbers (one per line, or a CSV column) that midas 1.0 and pay_v2 reject,"
                + " with the first offenders and their reasons.",
        footer = {"%nExamples:", "  bridge audit-orders orders.txt",
            "  bridge audit-orders --column 3 --json exports/orders.csv",
            "  cut -d, -f2 orders.csv | bridge audit-orders -",
            "%nExit codes: 0 every order number is valid for pay_v2; 1 some are not; 2 bad input."})
public final class AuditOrdersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The order numbers, one per line; - reads stdin.")
    String input;

    @Option(names = "--column", paramLabel = "N", description = "Read the N-th comma-separated field (from 1).")
    int column;

    @Option(names = "--all", description = "List every offender, not just the first ${DEFAULT-VALUE}.")
    boolean all;

    @Option(names = "--first", paramLabel = "K", defaultValue = "10", description = "How many offenders to list.")
    int first;

    @Option(names = "--json", description = "Print {\"total\":…, \"invalid_midas_v1\":…, \"invalid_pay_v2\":…}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (column < 0) {
            throw new IllegalArgumentException("--column " + column + ": columns count from 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        OrderAudit audit = OrderAudit.create(json ? 0 : all ? Integer.MAX_VALUE : Math.max(first, 0), column);
        OrderAudit.Result r;
        if ("-".equals(input)) {
            Progress progress = Progress.forTerminal(spec.commandLine().getErr(), -1);
            try (InputStream stream = System.in) {
                r = audit.run(stream, progress);
            } finally {
                progress.done();
            }
        } else {
            Path p = Path.of(input);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no such file: " + input);
            }
            Progress progress = Progress.forTerminal(spec.commandLine().getErr(), Files.size(p));
            try {
                r = audit.run(p, progress);
            } finally {
                progress.done();
            }
        }
        if (json) {
            out.printf("{\"total\":%d,\"invalid_midas_v1\":%d,\"invalid_pay_v2\":%d}%n", r.total(), r.invalidMidasV1(),
                    r.invalidPayV2());
        } else {
            out.printf("order numbers:        %d%n", r.total());
            out.printf("invalid for midas_v1: %d%n", r.invalidMidasV1());
            out.printf("invalid for pay_v2:   %d%n", r.invalidPayV2());
            if (!r.offenders().isEmpty()) {
                out.println(all ? "offenders:" : "first offenders:");
                for (OrderAudit.Offender o : r.offenders()) {
                    out.printf("  line %d: %s%n", o.line(), String.join("; ", o.reasons()));
                }
                long more = r.invalidPayV2() - r.offenders().size();
                if (more > 0) {
                    out.printf("  ... and %d more (--all lists them)%n", more);
                }
            }
        }
        out.flush();
        return r.invalidPayV2() > 0 ? 1 : 0;
    }
}
