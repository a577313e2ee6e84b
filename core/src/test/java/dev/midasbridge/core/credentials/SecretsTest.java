package dev.midasbridge.core.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.midasbridge.core.Environment;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretsTest {
    private static final String APP_KEY = "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u";
    private static final String SANDBOX_KEY = "sandbox-key-0001";
    private static final String SESSION_KEY = "V7Q38/i2KXaqrQyl2Yx9Hg==";

    @Test
    void noSecretAppearsInAnyToString() {
        ApiCredentials v1 = ApiCredentials.midasV1("wx1234567", "12345678", Secret.of(APP_KEY), Secret.of(SANDBOX_KEY));
        ApiCredentials v2 = ApiCredentials.payV2("1450000001", Secret.of(APP_KEY), Secret.of(SANDBOX_KEY));
        PlayerSession session = PlayerSession.of("openid-1", SESSION_KEY);
        AccessToken token = new AccessToken(Secret.of("ACCESSTOKEN"), Instant.EPOCH);
        for (Object o :
                new Object[] {v1, v2, session, token, Secret.of(APP_KEY), AccessTokenProvider.fixed("ACCESSTOKEN")}) {
            String s = o.toString();
            for (String secret : new String[] {APP_KEY, SANDBOX_KEY, SESSION_KEY, "ACCESSTOKEN"}) {
                assertFalse(s.contains(secret), s);
            }
        }
        assertEquals(
                "ApiCredentials[midas_v1, appid=wx1234567, offer_id=12345678, app_key=****, sandbox_app_key=****]",
                v1.toString());
    }

    @Test
    void eachEnvironmentHasItsOwnKey() {
        ApiCredentials c = ApiCredentials.payV2("1", Secret.of(APP_KEY), Secret.of(SANDBOX_KEY));
        assertEquals(APP_KEY, c.appKey(Environment.PRODUCTION).reveal());
        assertEquals(SANDBOX_KEY, c.appKey(Environment.SANDBOX).reveal());
    }

    @Test
    void secretsCompareByValueAndMaskThemselvesInText() {
        assertEquals(Secret.of("abc"), Secret.of("abc"));
        assertNotEquals(Secret.of("abc"), Secret.of("abd"));
        assertEquals("key=**** end", Secret.of("abc").maskIn("key=abc end"));
        assertThrows(IllegalArgumentException.class, () -> Secret.of(""));
    }

    @Test
    void midasV1CredentialsNeedAnAppid() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ApiCredentials.midasV1(" ", "1", Secret.of("k"), Secret.of("s")));
        assertEquals("appid of the midas_v1 credentials must not be empty", e.getMessage());
    }
}
