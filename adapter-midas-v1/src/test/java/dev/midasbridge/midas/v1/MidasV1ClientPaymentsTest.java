package dev.midasbridge.midas.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.clientpay.ClientPaymentForm;
import dev.midasbridge.core.clientpay.ClientPaymentFormer;
import dev.midasbridge.core.clientpay.ClientPaymentRequest;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.player.Player;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MidasV1ClientPaymentsTest {
    final ClientPaymentFormer former = MidasV1ClientPayments.create(MidasV1Fixture.credentials());
    final PlayerSession session = PlayerSession.of(MidasV1Fixture.OPENID, MidasV1Fixture.SESSION_KEY);

    @Test
    void coinsArePlainParametersWithThe1Point0OfferAndNoSignature() {
        ClientPaymentForm form = former.form(
                ClientPaymentRequest.coins(
                        Player.of(MidasV1Fixture.OPENID, "2"), Environment.SANDBOX, 60, "order-1", "ignored"),
                session);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("mode", "game");
        expected.put("env", 1);
        expected.put("offerId", MidasV1Fixture.OFFER_ID);
        expected.put("currencyType", "CNY");
        expected.put("platform", "android");
        expected.put("buyQuantity", 60L);
        expected.put("zoneId", "2");
        assertEquals(expected, form.toClientObject());
        assertEquals(ApiVersion.MIDAS_V1, form.version());
        assertEquals("requestMidasPayment", form.api());
        assertEquals("order-1", form.outTradeNo().value());
    }

    @Test
    void directItemPurchaseIsNotSupported() {
        PaymentException e = assertThrows(
                PaymentException.class,
                () -> former.form(
                        ClientPaymentRequest.item(
                                Player.of(MidasV1Fixture.OPENID), Environment.PRODUCTION, 1, "o-2", "sword", 600, null),
                        session));
        assertEquals(ErrorKind.NOT_SUPPORTED, e.kind());
        assertTrue(e.getMessage().startsWith("midas_v1"), e.getMessage());
    }
}
