package dev.midasbridge.payv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.Secret;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PayV2ConfigTest {

    @Test
    void defaultsToWeChatsHostAndSystemClock() {
        PayV2Config c = PayV2Config.builder(Fixture.credentials()).build();
        assertEquals("https://api.weixin.qq.com/", c.baseUrl().toString());
        assertEquals(PayV2Config.DEFAULT_CONNECT_TIMEOUT, c.connectTimeout());
        assertEquals(PayV2Config.DEFAULT_CALL_TIMEOUT, c.callTimeout());
        assertEquals(Clock.systemUTC().getZone(), c.clock().getZone());
    }

    @Test
    void aBaseUrlWithAPathGetsItsTrailingSlash() {
        assertEquals(
                "http://127.0.0.1:8080/proxy/",
                PayV2Config.builder(Fixture.credentials())
                        .baseUrl("http://127.0.0.1:8080/proxy")
                        .build()
                        .baseUrl()
                        .toString());
    }

    @Test
    void rejectsMidasV1CredentialsNamingBothVersions() {
        ApiCredentials v1 = ApiCredentials.midasV1("wx1234567", "12345678", Secret.of("k1"), Secret.of("k2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PayV2Config.builder(v1));
        assertTrue(e.getMessage().contains("pay_v2") && e.getMessage().contains("midas_v1"), e.getMessage());
    }

    @Test
    void rejectsBadUrlsAndTimeouts() {
        PayV2Config.Builder b = PayV2Config.builder(Fixture.credentials());
        assertThrows(IllegalArgumentException.class, () -> b.baseUrl("ftp://x").build());
        assertThrows(
                IllegalArgumentException.class,
                () -> b.baseUrl("https://x/?a=1").build());
        b.baseUrl(PayV2Config.DEFAULT_BASE_URL);
        assertThrows(
                IllegalArgumentException.class,
                () -> b.callTimeout(Duration.ZERO).build());
        b.callTimeout(Duration.ofSeconds(1));
        assertThrows(
                IllegalArgumentException.class,
                () -> b.connectTimeout(Duration.ofSeconds(-1)).build());
    }
}
