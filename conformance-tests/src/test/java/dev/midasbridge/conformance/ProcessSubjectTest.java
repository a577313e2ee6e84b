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
    void anExternalSignerWhoseFirstAnswerIsGarbageStopsTheRunWithOneError() throws Exception {
        Path file = VectorFiles.write(dir, "two.json", orderNo("o1", "a", true, true), orderNo("o2", "b", true, true));
        try (Subject signer = signer("garbage", TIMEOUT)) {
            SignerFailedException e = assertThrows(SignerFailedException.class, () -> Conformance.run(file, signer));

            assertTrue(e.getMessage().contains("does not speak the signer protocol"), e.getMessage());
            assertTrue(
                    e.getMessage().contains("first vector, o1")
                            && e.getMessage().contains("sig=abc"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("setLenient"), e.getMessage());
            assertEquals(0, e.answered());
        }
    }

    @Test
    void anExternalSignerThatDiesStopsTheRunWithItsExitStatusAndStderr() throws Exception {
        Path file = VectorFiles.write(
                dir,
                "three.json",
                orderNo("o1", "a", true, true),
                orderNo("o2", "b", true, true),
                orderNo("o3", "c", true, true));
        try (Subject signer = signer("die", TIMEOUT)) {
            SignerFailedException e = assertThrows(SignerFailedException.class, () -> Conformance.run(file, signer));

            assertTrue(e.getMessage().contains("exited with status 3"), e.getMessage());
            assertTrue(e.getMessage().contains("signer: giving up"), e.getMessage());
            assertTrue(e.getMessage().contains("vector o2"), e.getMessage());
            assertEquals(1, e.answered());
        }
    }

    @Test
    void aSilentExternalSignerTimesOutIsStoppedAndStopsTheRun() throws Exception {
        Path file = VectorFiles.write(dir, "two.json", orderNo("o1", "a", true, true), orderNo("o2", "b", true, true));
        try (Subject signer = signer("silent", Duration.ofMillis(500))) {
            SignerFailedException e = assertThrows(SignerFailedException.class, () -> Conformance.run(file, signer));

            assertTrue(e.getMessage().contains("no answer to vector o1 within 500 ms"), e.getMessage());
            assertTrue(e.getMessage().contains("it was stopped"), e.getMessage());
        }
    }

    @Test
    void aVectorFileWithAJsonErrorNamesItsLineAndColumnWithoutALibraryHint() throws Exception {
        Path file = dir.resolve("broken.json");
        java.nio.file.Files.writeString(file, "{\"format\": \"midas-bridge-vectors/1\",\n  \"vectors\": [1,]}");
        VectorFileException e =
                assertThrows(VectorFileException.class, () -> Conformance.run(file, Conformance.ownImplementation()));

        assertTrue(e.getMessage().contains("line 2, column 17"), e.getMessage());
        assertFalse(e.getMessage().contains("setLenient"), e.getMessage());
    }

    @Test
    void whatAnExternalSignerPrintsOfTheVectorsSecretsIsMasked() throws Exception {
        Path file = VectorFiles.write(
                dir,
                "secret.json",
                officialV1("v1", "{'sig': '" + OFFICIAL_V1_SIG + "', 'mp_sig': '" + OFFICIAL_V1_MP_SIG + "'}"));
        try (Subject signer = signer("leak", TIMEOUT)) {
            String report = assertThrows(SignerFailedException.class, () -> Conformance.run(file, signer))
                    .getMessage();

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
