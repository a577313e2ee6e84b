package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build prints no javac warning: every module's main sources compile with the lint options of the parent pom
 * ({@code -Xlint:all,-processing,-serial}) and not one warning. (This module's test classpath holds every module and
 * its dependencies; benchmarks, whose JMH is not on it, is left out.)
 */
class CompilerWarningsTest {
    private static final List<String> MODULES = List.of(
            "core",
            "access-token",
            "adapter-support",
            "adapter-midas-v1",
            "adapter-paymentv2",
            "bridge-engine",
            "journal-jdbc",
            "bridge-app",
            "simulator",
            "conformance-tests",
            "gateway",
            "bridge-cli");

    @TempDir
    Path out;

    @Test
    void everyModulesMainSourcesCompileWithoutAWarning() throws IOException {
        Path root = ReadmeLinksTest.projectRoot();
        List<Path> sources = new ArrayList<>();
        for (String module : MODULES) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        assertTrue(sources.size() > 100, "found the sources: " + sources.size());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean ok = javac.getTask(
                            null,
                            files,
                            diagnostics,
                            List.of(
                                    "--release",
                                    "17",
                                    "-Xlint:all,-processing,-serial",
                                    "-proc:none",
                                    "-encoding",
                                    "UTF-8",
                                    "-d",
                                    out.toString(),
                                    "-cp",
                                    System.getProperty("java.class.path")),
                            null,
                            files.getJavaFileObjectsFromPaths(sources))
                    .call();
            List<String> warnings = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.NOTE) {
                    warnings.add(d.getKind() + " "
                            + (d.getSource() == null
                                    ? ""
                                    : root.relativize(Path.of(d.getSource().toUri()))) + ":" + d.getLineNumber() + " "
                            + d.getMessage(Locale.ROOT));
                }
            }
            assertEquals(List.of(), warnings);
            assertTrue(ok, "compiled");
        }
    }
}
