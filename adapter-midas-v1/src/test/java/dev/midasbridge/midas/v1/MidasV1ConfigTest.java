package dev.midasbridge.midas.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MidasV1ConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        MidasV1Config c = MidasV1Config.builder(MidasV1Fixture.credentials()).build();
        assertEquals("https://api.weixin.qq.com/", c.baseUrl().toString());
        assertEquals("android", c.pf());
        assertEquals(MidasV1Config.DEFAULT_CALL_TIMEOUT, c.callTimeout());
    }

    @Test
    void aBaseUrlGetsItsTrailingSlash() {
        assertEquals(
                "http://127.0.0.1:8080/proxy/",
                MidasV1Config.builder(MidasV1Fixture.credentials())
                        .baseUrl("http://127.0.0.1:8080/proxy")
                        .build()
                        .baseUrl()
                        .toString());
    }

    @Test
    void invalidValuesAreRejectedNamingTheSetting() {
        MidasV1Config.Builder b = MidasV1Config.builder(MidasV1Fixture.credentials());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.baseUrl("ftp://x"))
                .getMessage()
                .contains("baseUrl"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.callTimeout(Duration.ZERO))
                .getMessage()
                .contains("callTimeout"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ofSeconds(-1)))
                .getMessage()
                .contains("connectTimeout"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.pf(" "))
                .getMessage()
                .contains("pf"));
    }

    @Test
    void payV2CredentialsAreRefused() {
        ApiCredentials v2 = ApiCredentials.payV2("1450000001", Secret.of("k1"), Secret.of("k2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MidasV1Config.builder(v2))
                .getMessage()
                .contains("midas_v1"));
    }

    @Test
    void toStringMasksTheKeys() {
        String s = MidasV1Config.builder(MidasV1Fixture.credentials()).build().toString();
        assertFalse(s.contains(MidasV1Fixture.APP_KEY) || s.contains(MidasV1Fixture.SANDBOX_APP_KEY), s);
    }
}
