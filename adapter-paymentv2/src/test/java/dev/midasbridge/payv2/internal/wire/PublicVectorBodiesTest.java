package dev.midasbridge.payv2.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.operation.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pay_v2 bodies of the shared public vectors (translate expectations, signed bodies) map both ways. */
class PublicVectorBodiesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "translate-pay|pay|{\"offer_id\": \"1450000001\", \"openid\": \"odkx20ENSNa2w5y3g_qOkOvBNM1g\", \"ts\": 1507530737, \"zone_id\": \"1\", \"amount\": 123, \"bill_no\": \"BillNo_123\", \"payitem\": \"钻石\", \"remark\": \"测试\", \"user_ip\": \"198.51.100.2\", \"env\": 0}",
                "translate-present-sandbox|present|{\"offer_id\": \"1450000001\", \"openid\": \"odkx20ENSNa2w5y3g_qOkOvBNM1g\", \"ts\": 1507530737, \"zone_id\": \"1\", \"bill_no\": \"gift-0001\", \"amount\": 10, \"user_ip\": \"203.0.113.7\", \"env\": 1}",
                "translate-getbalance|getbalance|{\"offer_id\": \"1450000001\", \"openid\": \"odkx20ENSNa2w5y3g_qOkOvBNM1g\", \"ts\": 1507530737, \"zone_id\": \"1\", \"env\": 0}",
                "translate-cancelpay|cancelpay|{\"offer_id\": \"1450000001\", \"openid\": \"odkx20ENSNa2w5y3g_qOkOvBNM1g\", \"ts\": 1507530737, \"zone_id\": \"1\", \"pay_bill_no\": \"BillNo_123\", \"env\": 0, \"bill_no\": \"refund-BillNo_123\", \"amount\": 123}",
                "v2-signature-accepted-by-server|getbalance|{ \"openid\": \"osyGm5SzCxTD9Snsv8MWT1DXWJoA\", \"offer_id\": \"1450044152\", \"ts\": 1670320760, \"zone_id\": \"1\", \"env\": 1 }",
            })
    void vectorBodiesGoThroughTheDomainAndBackUnchanged(String id, String endpoint, String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> asMoshiReadsIt = WireJson.readWithMoshi(bytes);
        Envelope<?> envelope = PayV2Wire.fromRequestBody(endpoint, asMoshiReadsIt);
        assertEquals(endpoint, envelope.operation().endpoint());
        Map<String, Object> exact = WireJson.readFlat(bytes);
        assertEquals(Environment.fromPayV2Env((Long) exact.get("env")), envelope.environment());
        // compared as JSON values: same keys, same values, same JSON types (key order may differ in a vector)
        assertEquals(exact, PayV2Wire.forOffer((String) exact.get("offer_id")).toRequestFields(envelope), id);
    }
}
