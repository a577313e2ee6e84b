package dev.midasbridge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * midas-bridge against its built-in vectors, and against any vector files named on the command line:
 * {@code mvn -B verify -Dconformance.vectors=a.json,b.json} (paths relative to the project root).
 */
class ConformanceTest {
    private static final Subject OURS = Conformance.ownImplementation();

    @TempDir
    Path dir;

    @Test
    void everyBuiltInVectorPasses() {
        ConformanceReport report = Conformance.runBuiltIn(OURS);
        System.out.println(report.render());

        assertEquals(List.of(), report.failures(), report.render());
        assertEquals("conformance: 41 passed, 0 failed (built-in public.json)", report.summaryLine());
    }

    /** One test per file named in {@code -Dconformance.vectors}; none when the property is not given. */
    @TestFactory
    Stream<DynamicTest> everyVectorOfTheFilesNamedOnTheCommandLinePasses() {
        return filesNamedBy(System.getProperty("conformance.vectors", ""), projectRoot()).stream()
                .map(file -> DynamicTest.dynamicTest(file.toString(), () -> assertAllPass(file, true)));
    }

    @Test
    void aFileWithRightExpectationsPassesAndOneWithAWrongExpectationNamesThatVector() throws IOException {
        String builtIn = builtInText();
        Path right = Files.writeString(dir.resolve("right.json"), builtIn);
        String wrongText =
                builtIn.replace("\"remark\": \"测试\",\n     \"user_ip\"", "\"remark\": \"test\",\n     \"user_ip\"");
        assertNotEquals(builtIn, wrongText, "the edit must change one expectation");
        Path wrong = Files.writeString(dir.resolve("wrong.json"), wrongText);

        ConformanceReport passing = Conformance.run(right, OURS);
        ConformanceReport failing = Conformance.run(wrong, OURS);

        assertEquals(41, passing.passed());
        assertEquals(
                List.of(new VectorFailure("translate-pay", "v2.remark", "\"test\"", "\"测试\"")), failing.failures());
        assertEquals("conformance: 40 passed, 1 failed (" + wrong + ")", failing.summaryLine());
        assertAllPass(right, false);
        AssertionError error = assertThrows(AssertionError.class, () -> assertAllPass(wrong, false));
        assertTrue(error.getMessage().contains("FAIL translate-pay v2.remark"), error.getMessage());
    }

    @Test
    void filesAreNamedCommaSeparatedRelativeToTheProjectRoot() {
        Path root = Path.of("/project");

        assertEquals(
                List.of(Path.of("/project/a.json"), Path.of("/project/vectors/b.json"), Path.of("/elsewhere/c.json")),
                filesNamedBy(" a.json, vectors/b.json,,/elsewhere/c.json ", root));
        assertEquals(List.of(), filesNamedBy("", root));
    }

    /** Fails naming every failing vector; {@code print} prints the report (not for the deliberately wrong file). */
    private static void assertAllPass(Path file, boolean print) throws IOException {
        ConformanceReport report = Conformance.run(file, OURS);
        if (print) {
            System.out.println(report.render());
        }
        if (!report.allPassed()) {
            fail(report.render() + System.lineSeparator() + "failing vectors: "
                    + report.failures().stream().map(VectorFailure::vectorId).collect(Collectors.joining(", ")));
        }
    }

    static List<Path> filesNamedBy(String property, Path root) {
        return Arrays.stream(property.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> root.resolve(s).normalize())
                .toList();
    }

    private static Path projectRoot() {
        String root = System.getProperty("conformance.root", "");
        return Path.of(root.isBlank() ? System.getProperty("user.dir") : root);
    }

    private static String builtInText() throws IOException {
        try (InputStream in = Conformance.class.getResourceAsStream("public.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
