package dev.midasbridge.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HmacSha256Test {
    @Test
    void matchesRfc4231TestCase2() {
        assertEquals(
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                HmacSha256.hex("Jefe", "what do ya want for nothing?"));
    }

    @Test
    void signsTheUtf8BytesOfNonAsciiText() {
        // pay_v2 official example body with Chinese payitem, from the public vectors (v2-pay-utf8-body).
        String body = "{\"offer_id\":\"12345678\",\"openid\":\"oUrsfxxxxxxxxxx\",\"ts\":1668512428,\"zone_id\":\"1\","
                + "\"env\":0,\"bill_no\":\"test_pay_1668512428\",\"amount\":1,\"payitem\":\"钻石\",\"remark\":\"测试\"}";
        assertEquals(
                "224585c45616eb6362c62b3ca817be7965c0244afbeb9e33ba6b35a2beb32164",
                HmacSha256.hex("9hAb/NEYUlkaMBEsmFgzig==", body));
    }

    @Test
    void constantTimeEqualityIsPlainEquality() {
        assertTrue(ConstantTime.equals("abc", "abc"));
        assertFalse(ConstantTime.equals("abc", "abd"));
        assertFalse(ConstantTime.equals("abc", "ab"));
        assertFalse(ConstantTime.equals(null, "ab"));
    }
}
