package dev.midasbridge.payv2.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.midasbridge.core.operation.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PayV2WireProperties {

    @Provide
    Arbitrary<WireArbitraries.Body> validBodies() {
        return WireArbitraries.bodies(WireArbitraries.offerIds());
    }

    @Provide
    Arbitrary<PayV2Response> successAnswers() {
        return WireArbitraries.responses();
    }

    @Property(tries = 300)
    void requestWireToCoreToWireIsTheIdentity(@ForAll("validBodies") WireArbitraries.Body body) {
        Map<String, Object> sent = body.fields();
        Envelope<?> envelope = PayV2Wire.fromRequestBody(body.endpoint(), sent);
        assertEquals(body.endpoint(), envelope.operation().endpoint());
        Map<String, Object> again =
                PayV2Wire.forOffer((String) sent.get("offer_id")).toRequestFields(envelope);
        assertEquals(sent, again);
        assertEquals(WireArbitraries.keys(sent), WireArbitraries.keys(again), "field order");
        assertEquals(envelope, PayV2Wire.fromRequestBody(body.endpoint(), again), "core -> wire -> core");
    }

    @Property(tries = 300)
    void responseWireToCoreToWireIsTheIdentity(@ForAll("successAnswers") PayV2Response answer) {
        PayV2Response again;
        if (answer instanceof BalanceResponse r) {
            again = PayV2Wire.fromBalance(PayV2Wire.toBalance(r));
        } else if (answer instanceof PayResponse r) {
            again = PayV2Wire.fromDeductionReceipt(PayV2Wire.toDeductionReceipt(r));
        } else if (answer instanceof CancelPayResponse r) {
            again = PayV2Wire.fromRefundReceipt(PayV2Wire.toRefundReceipt(r));
        } else if (answer instanceof PresentResponse r) {
            again = PayV2Wire.fromGrantReceipt(PayV2Wire.toGrantReceipt(r));
        } else {
            again = PayV2Wire.fromOrderInfo(PayV2Wire.toOrderInfo((QueryOrderInfoResponse) answer));
        }
        assertEquals(answer, again);
    }

    @Property(tries = 300)
    void responseRecordsSurviveTheirJson(@ForAll("successAnswers") PayV2Response answer) {
        @SuppressWarnings("unchecked")
        Class<PayV2Response> type = (Class<PayV2Response>) answer.getClass();
        String json = PayV2Wire.moshi().adapter(type).toJson(answer);
        assertEquals(answer, PayV2Wire.parseResponse(type, json));
    }

    @Property(tries = 300)
    void serializedBytesParseBackToTheSameFieldsInOrder(@ForAll("validBodies") WireArbitraries.Body body)
            throws Exception {
        byte[] bytes = PayV2Wire.serialize(body.fields());
        Map<String, Object> parsed = WireJson.readFlat(bytes);
        assertEquals(body.fields(), parsed);
        assertEquals(WireArbitraries.keys(body.fields()), WireArbitraries.keys(parsed));
        // non-ASCII text travels as raw UTF-8, never as \\u escapes
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (Object v : body.fields().values()) {
            if (v instanceof String s && s.codePoints().allMatch(c -> c >= 0x80)) {
                assertEquals(true, text.contains(s), s);
            }
        }
        assertArrayEquals(bytes, PayV2Wire.serialize(parsed), "serialization is deterministic");
    }
}
