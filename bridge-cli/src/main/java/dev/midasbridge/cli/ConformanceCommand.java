package dev.midasbridge.cli;

import dev.midasbridge.conformance.Conformance;
import dev.midasbridge.conformance.ConformanceReport;
import dev.midasbridge.conformance.SignerFailedException;
import dev.midasbridge.conformance.Subject;
import dev.midasbridge.conformance.VectorFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bridge conformance}: vector files against midas-bridge or against another implementation. */
@Command(
        name = "conformance",
        mixinStandardHelpOptions = true,
        description = "Run conformance vectors (the built-in ones, or --vectors FILE...) against midas-bridge, or"
                + " against another implementation with --signer CMD.",
        footer = {
            "%nExamples:",
            "  bridge conformance",
            "  bridge conformance --vectors ours.json --vectors theirs.json",
            "  bridge conformance --signer 'python3 my_signer.py'",
            "%nThe --signer protocol: CMD is started once; for each vector one line of JSON (the vector without"
                    + " \"expect\") is written to its stdin and one line of JSON is read from its stdout, holding the values"
                    + " \"expect\" may hold for that kind (sig, mp_sig; pay_sig, signature; midas_v1, pay_v2; v2 or error).",
            "%nExit codes: 0 every vector passed; 1 some failed; 2 bad input (no such file, not a vector file) or a"
                    + " signer that cannot run, dies or does not answer JSON objects (one line says what it did)."
        })
final class ConformanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--vectors",
            paramLabel = "FILE",
            description = "A vector file (repeatable); default: the" + " built-in vectors.")
    List<Path> vectors = new ArrayList<>();

    @Option(
            names = "--signer",
            paramLabel = "CMD",
            description = "Check this command instead of midas-bridge (run" + " with sh -c).")
    String signer;

    @Option(
            names = "--timeout-ms",
            defaultValue = "5000",
            description = "How long the signer may take per vector" + " (default ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        Subject started;
        try {
            started = signer == null
                    ? Conformance.ownImplementation()
                    : Conformance.externalProcess(List.of("sh", "-c", signer), Duration.ofMillis(timeoutMs));
        } catch (IOException | IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
        try (Subject subject = started) {
            List<ConformanceReport> reports = new ArrayList<>();
            try {
                if (vectors.isEmpty()) {
                    reports.add(Conformance.runBuiltIn(subject));
                }
                for (Path file : vectors) {
                    try {
                        reports.add(Conformance.run(file, subject));
                    } catch (NoSuchFileException e) {
                        throw CliException.badInput("no such vector file: " + file);
                    } catch (VectorFileException e) {
                        throw CliException.badInput(e.getMessage());
                    }
                }
            } catch (SignerFailedException e) {
                // the signer can answer no further vector: one error instead of a failure per remaining vector
                throw CliException.badInput(e.getMessage() + "; no verdict (" + e.answered()
                        + " vector(s) answered before): fix the signer and run again");
            }
            for (ConformanceReport r : reports) {
                out.println(r.render());
                passed += r.passed();
                failed += r.failed();
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
