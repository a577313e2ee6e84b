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
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's rules from VECTORS.md: what it checks, how it compares, how it reports, what it refuses. */
class VectorRunnerTest {
    private static final Subject OURS = Conformance.ownImplementation();
    private static final String TRANSLATE_PAY = "{'id': 't1', 'kind': 'translate', 'endpoint': 'pay',"
            + " 'v1': {'openid': 'o1', 'appid': 'wx1', 'offer_id': '1', 'ts': 1, 'zone_id': '1', 'pf': 'android',"
            + " 'amt': 1, 'bill_no': 'b1'}, 'sandbox': false, 'v2_offer_id': '2', 'expect': %s}";

    @TempDir
    Path dir;

    @Test
    void rightExpectationsPassAndTheSummaryLineCountsThem() throws IOException {
        Path file = VectorFiles.write(
                dir,
                "right.json",
                officialV1("v1", "{'sig': '" + OFFICIAL_V1_SIG + "', 'mp_sig': '" + OFFICIAL_V1_MP_SIG + "'}"),
                orderNo("o1", "_x", true, false),
                orderNo("o2", "a.b", false, false));

        ConformanceReport report = Conformance.run(file, OURS);

        assertEquals(3, report.passed());
        assertEquals(0, report.failed());
        assertTrue(report.allPassed());
        assertEquals("conformance: 3 passed, 0 failed (" + file + ")", report.summaryLine());
    }

    @Test
    void aWrongExpectationIsReportedWithIdKeyExpectedAndActual() throws IOException {
        String wrong = "0".repeat(64);
        Path file = VectorFiles.write(
                dir,
                "wrong.json",
                officialV1("good", "{'sig': '" + OFFICIAL_V1_SIG + "'}"),
                officialV1("bad-sig", "{'sig': '" + wrong + "', 'mp_sig': '" + OFFICIAL_V1_MP_SIG + "'}"));

        ConformanceReport report = Conformance.run(file, OURS);

        assertEquals(1, report.passed());
        assertEquals(1, report.failed());
        VectorFailure f = report.failures().get(0);
        assertEquals(new VectorFailure("bad-sig", "sig", "\"" + wrong + "\"", "\"" + OFFICIAL_V1_SIG + "\""), f);
        assertTrue(report.render().contains("FAIL bad-sig sig: expected \"" + wrong + "\""), report.render());
    }

    @Test
    void onlyTheKeysInExpectAreChecked() throws IOException {
        Path file = VectorFiles.write(
                dir,
                "partial.json",
                officialV1("mp-only", "{'mp_sig': '" + OFFICIAL_V1_MP_SIG + "'}"),
                "{'id': 'v1-only', 'kind': 'order_no', 'value': '_x', 'expect': {'midas_v1': true}}");

        ConformanceReport ours = Conformance.run(file, OURS);
        ConformanceReport extraKeys = Conformance.run(
                file,
                FixedSubject.answering("{'mp_sig': '" + OFFICIAL_V1_MP_SIG + "', 'sig': 'nonsense',"
                        + " 'midas_v1': true, 'pay_v2': 'nonsense'}"));

        assertEquals(2, ours.passed());
        assertEquals(2, extraKeys.passed());
    }

    @Test
    void anUnknownKindFailsInsteadOfBeingSkipped() throws IOException {
        Path file = VectorFiles.write(
                dir,
                "unknown.json",
                orderNo("o1", "a", true, true),
                "{'id': 'future', 'kind': 'midas_v3_sign', 'expect': {'sig': 'ab'}}");

        ConformanceReport report = Conformance.run(file, OURS);

        assertEquals(1, report.passed());
        assertEquals(1, report.failed());
        VectorFailure f = report.failures().get(0);
        assertEquals("future", f.vectorId());
        assertEquals("kind", f.key());
        assertEquals("\"midas_v3_sign\"", f.actual());
        assertTrue(f.expected().contains("midas_v1_sign"), f.expected());
    }

    @Test
    void aVectorMissingAnInputFailsNamingTheVectorAndTheInputWhileTheOthersStillRun() throws IOException {
        Path file = VectorFiles.write(
                dir,
                "malformed.json",
                "{'id': 'no-params', 'kind': 'midas_v1_sign', 'uri': '/cgi-bin/midas/pay', 'app_key': 'k',"
                        + " 'expect': {'sig': 'ab'}}",
                "{'id': 'no-session-key', 'kind': 'pay_v2_sign', 'uri': '/wxa/game/pay', 'body': '{}',"
                        + " 'expect': {'signature': 'ab'}}",
                "{'id': 'bad-param', 'kind': 'midas_v1_sign', 'uri': '/u', 'app_key': 'k', 'params': {'amt': 1.5},"
                        + " 'expect': {'sig': 'ab'}}",
                "{'id': 'no-refund-no', 'kind': 'translate', 'endpoint': 'cancelpay', 'v1': {}, 'sandbox': false,"
                        + " 'v2_offer_id': '2', 'amount': 1, 'expect': {'error': 'x'}}",
                orderNo("fine", "a", true, true));

        ConformanceReport report = Conformance.run(file, OURS);

        assertEquals(1, report.passed());
        assertEquals(4, report.failed());
        assertEquals("no-params params missing", brief(report.failures().get(0)));
        assertEquals(
                "no-session-key session_key missing", brief(report.failures().get(1)));
        assertEquals("bad-param params.amt a number", brief(report.failures().get(2)));
        assertEquals(
                "no-refund-no refund_bill_no missing", brief(report.failures().get(3)));
    }

    @Test
    void expectMustHoldOnlyKeysOfTheKindWithTheRightTypes() throws IOException {
        Path file = VectorFiles.write(
                dir,
                "expect.json",
                "{'id': 'no-expect', 'kind': 'order_no', 'value': 'a'}",
                "{'id': 'empty-expect', 'kind': 'order_no', 'value': 'a', 'expect': {}}",
                "{'id': 'other-kind', 'kind': 'order_no', 'value': 'a', 'expect': {'sig': 'ab'}}",
                "{'id': 'string-bool', 'kind': 'order_no', 'value': 'a', 'expect': {'pay_v2': 'true'}}");

        ConformanceReport report = Conformance.run(file, OURS);

        assertEquals(4, report.failed());
        assertEquals("expect", report.failures().get(0).key());
        assertEquals("expect", report.failures().get(1).key());
        assertEquals("expect.sig", report.failures().get(2).key());
        assertEquals("expect.pay_v2", report.failures().get(3).key());
    }

    @Test
    void idsMustBePresentAndUnique() throws IOException {
        Path file = VectorFiles.write(
                dir,
                "ids.json",
                orderNo("same", "a", true, true),
                orderNo("same", "a", true, true),
                "{'kind': 'order_no', 'value': 'a', 'expect': {'pay_v2': true}}");

        ConformanceReport report = Conformance.run(file, OURS);

        assertEquals(1, report.passed());
        assertEquals(
                "same id",
                report.failures().get(0).vectorId() + " "
                        + report.failures().get(0).key());
        assertEquals(
                "#3 id",
                report.failures().get(1).vectorId() + " "
                        + report.failures().get(1).key());
    }

    @Test
    void v2IsComparedAsJsonValuesWhereANumberIsNotAString() throws IOException {
        Path file = VectorFiles.write(dir, "v2.json", String.format(TRANSLATE_PAY, "{'v2': {'amount': 1, 'env': 0}}"));

        assertTrue(Conformance.run(file, FixedSubject.answering("{'v2': {'env': 0, 'amount': 1}}"))
                .allPassed());
        VectorFailure string = Conformance.run(file, FixedSubject.answering("{'v2': {'amount': '1', 'env': 0}}"))
                .failures()
                .get(0);
        assertEquals(new VectorFailure("t1", "v2.amount", "1 (a number)", "\"1\" (a string)"), string);
        VectorFailure extra = Conformance.run(
                        file, FixedSubject.answering("{'v2': {'amount': 1, 'env': 0, 'appid': 'wx1'}}"))
                .failures()
                .get(0);
        assertEquals(new VectorFailure("t1", "v2.appid", "(absent)", "\"wx1\""), extra);
        VectorFailure missing = Conformance.run(file, FixedSubject.answering("{'v2': {'amount': 1}}"))
                .failures()
                .get(0);
        assertEquals(new VectorFailure("t1", "v2.env", "0", "(missing)"), missing);
    }

    @Test
    void numbersAreComparedExactlyEvenBeyondDoublePrecision() throws IOException {
        Path file =
                VectorFiles.write(dir, "big.json", String.format(TRANSLATE_PAY, "{'v2': {'ts': 9007199254740993}}"));

        assertTrue(Conformance.run(file, FixedSubject.answering("{'v2': {'ts': 9007199254740993}}"))
                .allPassed());
        assertEquals(
                new VectorFailure("t1", "v2.ts", "9007199254740993", "9007199254740992"),
                Conformance.run(file, FixedSubject.answering("{'v2': {'ts': 9007199254740992}}"))
                        .failures()
                        .get(0));
    }

    @Test
    void anExpectedErrorMatchesWhenTheActualMessageContainsIt() throws IOException {
        Path file = VectorFiles.write(dir, "error.json", String.format(TRANSLATE_PAY, "{'error': 'bill_no'}"));

        assertTrue(
                Conformance.run(file, FixedSubject.answering("{'error': 'bill_no \\\"_a\\\" is not valid for pay_v2'}"))
                        .allPassed());
        assertEquals(
                new VectorFailure("t1", "error", "a message containing \"bill_no\"", "\"amount must be positive\""),
                Conformance.run(file, FixedSubject.answering("{'error': 'amount must be positive'}"))
                        .failures()
                        .get(0));
        VectorFailure noError = Conformance.run(file, FixedSubject.answering("{'v2': {'amount': 1}}"))
                .failures()
                .get(0);
        assertEquals("error", noError.key());
        assertTrue(noError.actual().startsWith("(missing"), noError.actual());
    }

    @Test
    void secretsOfTheVectorNeverAppearInTheReport() throws IOException {
        String appKey = "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u";
        Path file = VectorFiles.write(dir, "secrets.json", officialV1("leaky", "{'mp_sig': 'ab'}"));

        ConformanceReport report = Conformance.run(
                file,
                FixedSubject.answering(
                        "{'mp_sig': 'signed with " + appKey + " and V7Q38/i2KXaqrQyl2Yx9Hg== for ACCESSTOKEN'}"));

        String text = report.render();
        assertEquals(1, report.failed());
        assertFalse(text.contains(appKey), text);
        assertFalse(text.contains("V7Q38/i2KXaqrQyl2Yx9Hg=="), text);
        assertFalse(text.contains("ACCESSTOKEN"), text);
        assertTrue(text.contains("signed with **** and **** for ****"), text);
    }

    @Test
    void aFileThatIsNotJsonIsAClearError() throws IOException {
        Path file = VectorFiles.writeRaw(dir, "broken.json", "{\"format\": \"midas-bridge-vectors/1\", \"vectors\": [");

        VectorFileException e = assertThrows(VectorFileException.class, () -> Conformance.run(file, OURS));

        assertTrue(e.getMessage().startsWith(file + ": not a vector file: it is not valid JSON"), e.getMessage());
    }

    @Test
    void aFileOfAnotherFormatIsAClearError() throws IOException {
        Path wrongFormat =
                VectorFiles.writeRaw(dir, "v9.json", "{\"format\": \"midas-bridge-vectors/9\", \"vectors\": []}");
        Path noFormat = VectorFiles.writeRaw(dir, "none.json", "{\"vectors\": []}");
        Path array = VectorFiles.writeRaw(dir, "array.json", "[]");
        Path noVectors = VectorFiles.writeRaw(dir, "novectors.json", "{\"format\": \"midas-bridge-vectors/1\"}");
        Path twice = VectorFiles.writeRaw(
                dir, "twice.json", "{\"format\": \"midas-bridge-vectors/1\", \"vectors\": [], \"vectors\": []}");
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, new byte[] {'{', (byte) 0xe9, '}'});

        assertEquals(
                wrongFormat + ": not a vector file: \"format\" is \"midas-bridge-vectors/9\", expected"
                        + " \"midas-bridge-vectors/1\"",
                message(wrongFormat));
        assertTrue(message(noFormat).contains("\"format\" is missing"), message(noFormat));
        assertTrue(message(array).contains("found an array"), message(array));
        assertTrue(message(noVectors).contains("\"vectors\" is missing"), message(noVectors));
        assertTrue(message(twice).contains("duplicate key \"vectors\""), message(twice));
        assertTrue(message(latin1).contains("not UTF-8"), message(latin1));
    }

    @Test
    void anEmptyVectorListPassesVacuously() throws IOException {
        ConformanceReport report = Conformance.run(VectorFiles.write(dir, "empty.json"), OURS);

        assertEquals("conformance: 0 passed, 0 failed (" + dir.resolve("empty.json") + ")", report.summaryLine());
    }

    private String message(Path file) {
        return assertThrows(VectorFileException.class, () -> Conformance.run(file, OURS))
                .getMessage();
    }

    private static String brief(VectorFailure f) {
        return f.vectorId() + " " + f.key() + " " + f.actual();
    }
}
