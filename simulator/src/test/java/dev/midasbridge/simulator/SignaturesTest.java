package dev.midasbridge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stand-in server's own signature code reproduces the public vectors (copied from vectors/public.json). */
class SignaturesTest {
    private static final String V1_KEY = "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u";
    private static final String V1_SESSION = "V7Q38/i2KXaqrQyl2Yx9Hg==";
    private static final String V2_KEY = "12345";
    private static final String V2_SESSION = "9hAb/NEYUlkaMBEsmFgzig==";

    private static List<Map.Entry<String, String>> officialParams() {
        return List.of(
                Map.entry("appid", "wx1234567"),
                Map.entry("offer_id", "12345678"),
                Map.entry("openid", "odkx20ENSNa2w5y3g_qOkOvBNM1g"),
                Map.entry("pf", "android"),
                Map.entry("ts", "1507530737"),
                Map.entry("zone_id", "1"));
    }

    private static void assertV1(String uri, List<Map.Entry<String, String>> params, String sig, String mpSig) {
        String computed = Signatures.v1Sig(Signatures.v1Params(params, true, false), uri, V1_KEY);
        assertEquals(sig, computed);
        Signatures.V1Call call =
                new Signatures.V1Call(uri, uri, Environment.PRODUCTION, params, "ACCESSTOKEN", computed, "");
        String mp = Signatures.v1MpSig(
                Signatures.v1Params(call.withTokenAndSig(true, true), true, false),
                uri,
                V1_SESSION.getBytes(StandardCharsets.UTF_8),
                V1_SESSION);
        assertEquals(mpSig, mp);
    }

    @Test
    void officialGetbalance() {
        assertV1(
                "/cgi-bin/midas/getbalance",
                officialParams(),
                "1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b",
                "ff4c5bb39dea1002a8f03be0438724e1a8bcea5ebce8f221f9b9fea3bcf3bf76");
    }

    @Test
    void officialGetbalanceOnTheSandboxPath() {
        assertV1(
                "/cgi-bin/midas/sandbox/getbalance",
                officialParams(),
                "f8f9f6ac64eb1cf4a5f2f0235f72fe69af0d2ceb2b26bed5a024244140643bb4",
                "ba1b7d2bce2e824cadf56c143fab6739e843f7b5578c079ec1432f12e5120b6c");
    }

    @Test
    void payWithChineseItemAndRemarkSignsRawUtf8() {
        List<Map.Entry<String, String>> params = new java.util.ArrayList<>(officialParams());
        params.add(Map.entry("amt", "123"));
        params.add(Map.entry("bill_no", "BillNo_123"));
        params.add(Map.entry("pay_item", "钻石"));
        params.add(Map.entry("app_remark", "测试"));
        assertV1(
                "/cgi-bin/midas/pay",
                params,
                "5f278678de5357df03fadeb275d60942358189a408b7c0dfc6d17d0118d4c92f",
                "ef62f1cf021eeeff95985856a5afa0d8cb670c5f2fbf8ffa5f56e7da047fd17f");
    }

    @Test
    void officialV2Getbalance() {
        byte[] body =
                "{\"offer_id\": \"12345678\", \"openid\": \"oUrsfxxxxxxxxxx\", \"ts\": 1668136271, \"zone_id\": \"1\", \"env\": 0}"
                        .getBytes(StandardCharsets.UTF_8);
        assertEquals(
                "11bac6388871d29c055c7d16fbe42e8d646855b666faf89b15c815218b1b23bd",
                Signatures.v2PaySig("/wxa/game/getbalance", body, V2_KEY.getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                "42fe1d3341fb1c8bd6f5014ba735ab04eacc80a2deb3ab4669eab4700b5b6729",
                Signatures.v2Signature(body, V2_SESSION.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void v2PayWithAUtf8Body() {
        byte[] body =
                ("{\"offer_id\":\"12345678\",\"openid\":\"oUrsfxxxxxxxxxx\",\"ts\":1668512428,\"zone_id\":\"1\",\"env\":0,"
                                + "\"bill_no\":\"test_pay_1668512428\",\"amount\":1,\"payitem\":\"钻石\",\"remark\":\"测试\"}")
                        .getBytes(StandardCharsets.UTF_8);
        assertEquals(
                "281df216258e624227340051c936e3994b9668c5204b81c6ae56e3131ebb41bf",
                Signatures.v2PaySig("/wxa/game/pay", body, V2_KEY.getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                "224585c45616eb6362c62b3ca817be7965c0244afbeb9e33ba6b35a2beb32164",
                Signatures.v2Signature(body, V2_SESSION.getBytes(StandardCharsets.UTF_8)));
    }
}
