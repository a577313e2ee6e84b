package dev.midasbridge.conformance;

import static dev.midasbridge.conformance.VectorFiles.OFFICIAL_V1_MP_SIG;
import static dev.midasbridge.conformance.VectorFiles.OFFICIAL_V1_SIG;
import static dev.midasbridge.conformance.VectorFiles.officialV1;
import static dev.midasbridge.conformance.VectorFiles.orderNo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external-process subject, driven with the tiny Python signer {@code signer.py} (test resources) in its
 * modes: right answers, wrong answers, garbage, dying, silence.
 */
class ProcessSubjectTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aCorrectExternalSignerPassesEveryBuiltInVector() throws Exception {
        try (Subject signer = signer("correct", TIMEOUT)) {
            ConformanceReport report = Conformance.runBuiltIn(signer);

            assertEquals(List.of(), report.failures());
            assertEquals(41, report.passed());
        }
    }

    @Test
    void aWrongExternalSignerFailsNamingEachWrongVectorAndKey() throws Exception {
        try (Subject signer = signer("uppercase", TIMEOUT)) {
            ConformanceReport report = Conformance.runBuiltIn(signer);

            assertEquals(20, report.failed(), report.render());
            VectorFailure first = report.failures().get(0);
            assertEquals("official-getbalance", first.vectorId());
            assertEquals("sig", first.key());
            assertEquals("\"" + OFFICIAL_V1_SIG.toUpperCase(java.util.Locale.ROOT) + "\"", first.actual());
            assertTrue(
                    report.failures().stream()
                            .anyMatch(f ->
                                    f.vectorId().equals("order-no-1") && f.key().equals("pay_v2")),
                    report.render());
        }
    }

    @Test
    void anExternalSignerAnsweringGarbageFailsEachVectorSayingSo() throws Exception {
        Path file = VectorFiles.write(dir, "two.json", orderNo("o1", "a", true, true), orderNo("o2", "b", true, true));
        try (Subject signer = signer("garbage", TIMEOUT)) {
            ConformanceReport report = Conformance.run(file, signer);

            assertEquals(2, report.failed());
            String actual = report.failures().get(1).actual();
            assertTrue(actual.contains("a line that is not JSON") && actual.endsWith(": sig=abc"), actual);
        }
    }

    @Test
    void anExternalSignerThatDiesFailsTheRestWithItsExitStatusAndStderr() throws Exception {
        Path file = VectorFiles.write(
                dir,
                "three.json",
                orderNo("o1", "a", true, true),
                orderNo("o2", "b", true, true),
                orderNo("o3", "c", true, true));
        try (Subject signer = signer("die", TIMEOUT)) {
            ConformanceReport report = Conformance.run(file, signer);

            assertEquals(1, report.passed());
            assertEquals(2, report.failed());
            String died = report.failures().get(0).actual();
            assertTrue(died.contains("exited with status 3") && died.contains("signer: giving up"), died);
            assertTrue(
                    report.failures().get(1).actual().contains("exited with status 3 earlier"),
                    report.failures().get(1).actual());
        }
    }

    @Test
    void aSilentExternalSignerTimesOutAndIsStopped() throws Exception {
        Path file = VectorFiles.write(dir, "two.json", orderNo("o1", "a", true, true), orderNo("o2", "b", true, true));
        try (Subject signer = signer("silent", Duration.ofMillis(500))) {
            ConformanceReport report = Conformance.run(file, signer);

            assertEquals(2, report.failed());
            assertTrue(
                    report.failures().get(0).actual().contains("no answer within 500 ms; it was stopped"),
                    report.failures().get(0).actual());
            assertTrue(
                    report.failures().get(1).actual().contains("no answer to vector o1"),
                    report.failures().get(1).actual());
        }
    }

    @Test
    void whatAnExternalSignerPrintsOfTheVectorsSecretsIsMasked() throws Exception {
        Path file = VectorFiles.write(
                dir,
                "secret.json",
                officialV1("v1", "{'sig': '" + OFFICIAL_V1_SIG + "', 'mp_sig': '" + OFFICIAL_V1_MP_SIG + "'}"));
        try (Subject signer = signer("leak", TIMEOUT)) {
            String report = Conformance.run(file, signer).render();

            assertTrue(report.contains("signer: keys **** **** ****"), report);
            assertFalse(report.contains("zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u"), report);
        }
    }

    @Test
    void aSignerThatCannotBeStartedIsAClearError() {
        IOException e = assertThrows(
                IOException.class,
                () -> Conformance.externalProcess(
                        List.of(dir.resolve("no-such-signer").toString()), TIMEOUT));

        assertTrue(
                e.getMessage().startsWith("signer '" + dir.resolve("no-such-signer") + "' could not be started"),
                e.getMessage());
    }

    private static Subject signer(String mode, Duration timeout) throws IOException, URISyntaxException {
        Path script = Path.of(ProcessSubjectTest.class.getResource("signer.py").toURI());
        return Conformance.externalProcess(List.of("python3", script.toString(), mode), timeout);
    }
}
