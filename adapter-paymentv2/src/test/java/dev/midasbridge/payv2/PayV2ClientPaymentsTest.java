package dev.midasbridge.payv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.clientpay.ClientPaymentForm;
import dev.midasbridge.core.clientpay.ClientPaymentFormer;
import dev.midasbridge.core.clientpay.ClientPaymentRequest;
import dev.midasbridge.core.clientpay.PayV2ClientParams;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.player.Player;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PayV2ClientPaymentsTest {
    static final String APP_KEY = "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u";
    static final String SESSION_KEY = "V7Q38/i2KXaqrQyl2Yx9Hg==";

    /** The signData example of the wx.requestMidasPaymentGameItem page, signed as public.json computed with python. */
    @Test
    void thePagesSignDataExampleIsReproducedAndSigned() {
        ClientPaymentFormer former = PayV2ClientPayments.create(
                ApiCredentials.payV2("123", Secret.of(APP_KEY), Secret.of("sandbox-key-unused")));
        ClientPaymentForm form = former.form(
                ClientPaymentRequest.item(
                        Player.of("o1"), Environment.PRODUCTION, 1, "xxxxxx", "testproductId", 10, "testdata"),
                PlayerSession.of("o1", SESSION_KEY));
        PayV2ClientParams p = assertInstanceOf(PayV2ClientParams.class, form);
        assertEquals(
                "{\"mode\":\"goods\",\"offerId\":\"123\",\"buyQuantity\":1,\"env\":0,\"currencyType\":\"CNY\","
                        + "\"platform\":\"android\",\"zoneId\":\"1\",\"productId\":\"testproductId\",\"goodsPrice\":10,"
                        + "\"outTradeNo\":\"xxxxxx\",\"attach\":\"testdata\"}",
                p.signData());
        assertEquals("requestMidasPaymentGameItem", p.api());
        assertEquals("72c387527dbc34eea258221760be1594c8afa2e2230aba8d098ce250b1a25814", p.paySig());
        assertEquals("4ca160ba0114e46f4c5e8cd5343e906dd9dcf482b399d5ea68c3c38d532c756e", p.signature());
        assertEquals(
                Map.of("signData", p.signData(), "paySig", p.paySig(), "signature", p.signature()), p.toClientObject());
    }

    @Property
    void paySigIsTheHmacOfApiAndSignDataWithTheKeyOfTheEnvironment(
            @ForAll @LongRange(min = 1, max = 1_000_000) long quantity,
            @ForAll Environment env,
            @ForAll("orders") String outTradeNo,
            @ForAll("attaches") String attach,
            @ForAll boolean item) {
        ApiCredentials credentials =
                ApiCredentials.payV2("1450000000", Secret.of("prod-key-1"), Secret.of("sandbox-key-2"));
        Player player = Player.of("oPlayer", "7");
        ClientPaymentRequest request = item
                ? ClientPaymentRequest.item(player, env, quantity, outTradeNo, "p-1", 600, attach)
                : ClientPaymentRequest.coins(player, env, quantity, outTradeNo, attach);
        PayV2ClientParams p = (PayV2ClientParams)
                PayV2ClientPayments.create(credentials).form(request, PlayerSession.of("oPlayer", "sess-key"));
        String key = env == Environment.SANDBOX ? "sandbox-key-2" : "prod-key-1";
        assertEquals(hmac(key, p.api() + "&" + p.signData()), p.paySig());
        assertEquals(hmac("sess-key", p.signData()), p.signature());
        assertTrue(
                p.signData()
                        .startsWith("{\"mode\":\"" + (item ? "goods" : "game") + "\",\"offerId\":\"1450000000\","
                                + "\"buyQuantity\":" + quantity + ",\"env\":" + env.payV2Env() + ","),
                p.signData());
        assertTrue(p.signData().contains("\"outTradeNo\":\"" + outTradeNo + "\""), p.signData());
        if (!item) {
            assertEquals(outTradeNo, p.toClientObject().get("outTradeNo"));
            assertEquals("game", p.toClientObject().get("mode"));
        }
    }

    @Test
    void aSessionOfAnotherPlayerIsRefused() {
        ClientPaymentFormer former =
                PayV2ClientPayments.create(ApiCredentials.payV2("1", Secret.of("k1"), Secret.of("k2")));
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> former.form(
                        ClientPaymentRequest.coins(Player.of("o1"), Environment.PRODUCTION, 1, "a1", null),
                        PlayerSession.of("o2", "s")));
        assertTrue(e.getMessage().contains("session"), e.getMessage());
    }

    @Test
    void theModuleBindsTheFormerQualifiedAndByVersion() {
        Injector injector =
                Guice.createInjector(new PayV2Module(Fixture.config("http://127.0.0.1:1/")), new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(AccessTokenProvider.class).toInstance(AccessTokenProvider.fixed(Fixture.TOKEN));
                    }
                });
        ClientPaymentFormer qualified = injector.getInstance(Key.get(ClientPaymentFormer.class, PayV2Api.class));
        Map<ApiVersion, ClientPaymentFormer> byVersion =
                injector.getInstance(Key.get(new TypeLiteral<Map<ApiVersion, ClientPaymentFormer>>() {}));
        assertSame(qualified, byVersion.get(ApiVersion.PAY_V2));
        assertEquals(ApiVersion.PAY_V2, qualified.version());
    }

    static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Provide
    Arbitrary<String> orders() {
        return Arbitraries.strings()
                .withChars("abcXYZ019_-")
                .ofMinLength(1)
                .ofMaxLength(32)
                .filter(s -> !s.startsWith("_"));
    }

    @Provide
    Arbitrary<String> attaches() {
        return Arbitraries.strings().withCharRange('\u0020', '\uD7FF').ofMaxLength(128);
    }
}
