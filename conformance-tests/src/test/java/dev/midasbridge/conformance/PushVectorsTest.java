package dev.midasbridge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push and client-payment kinds read from any vector file, as the older kinds are. */
class PushVectorsTest {
    @TempDir
    Path dir;

    @Test
    void theNewKindsRunFromAFileAndAWrongExpectationIsNamedWithSecretsMasked() throws IOException {
        Path file = VectorFiles.write(
                dir,
                "push.json",
                "{'id': 'official', 'kind': 'push_signature', 'token': 'AAAAA', 'timestamp': '1714036504',"
                        + " 'nonce': '1514711492', 'expect': {'signature': 'f464b24fc39322e44b38aa78f5edd27bd1441696'}}",
                "{'id': 'wrong-token', 'kind': 'push_signature', 'token': 'secret-push-token', 'timestamp': '1',"
                        + " 'nonce': '2', 'expect': {'signature': 'secret-push-token'}}",
                "{'id': 'not-base64', 'kind': 'push_decrypt', 'encoding_aes_key':"
                        + " 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', 'appid': 'wx1', 'encrypt': 'AAAA',"
                        + " 'expect': {'error': 'DECRYPT_LENGTH'}}",
                "{'id': 'missing-input', 'kind': 'client_pay_sign', 'sign_data': '{}', 'app_key': 'k',"
                        + " 'expect': {'pay_sig': 'ab'}}");
        ConformanceReport report = Conformance.run(file, Conformance.ownImplementation());
        assertEquals(2, report.passed(), report.render());
        List<VectorFailure> failures = report.failures();
        assertEquals("wrong-token", failures.get(0).vectorId());
        assertEquals("signature", failures.get(0).key());
        assertFalse(report.render().contains("secret-push-token"), report.render());
        assertTrue(failures.get(0).expected().contains("****"), failures.get(0).expected());
        assertEquals("missing-input", failures.get(1).vectorId());
        assertEquals("api", failures.get(1).key());
    }
}
