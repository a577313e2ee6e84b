package dev.midasbridge.payv2.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.PushCheck;
import dev.midasbridge.core.error.PushVerificationException;
import dev.midasbridge.core.push.CapturedPush;
import dev.midasbridge.core.push.CoinDelivered;
import dev.midasbridge.core.push.ItemDelivered;
import dev.midasbridge.core.push.PayEventSignature;
import dev.midasbridge.core.push.PushChannelSecurity;
import dev.midasbridge.core.push.PushDiagnosis;
import dev.midasbridge.core.push.PushEvent;
import dev.midasbridge.core.push.UnknownEvent;
import dev.midasbridge.payv2.PayV2Push;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayV2PushTest {
    static final String TOKEN = "pushToken2026";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APPID = "wx5823bf96d3bd56c7";
    static final ApiCredentials CREDENTIALS = ApiCredentials.payV2(
            "1450000000", Secret.of("prod-app-key-0123456789"), Secret.of("sandbox-app-key-987654"));
    static final String ITEM_PAYLOAD =
            "{\"OpenId\":\"o1\",\"Env\":0,\"OutTradeNo\":\"t-1\",\"GoodsInfo\":{\"ProductId\":"
                    + "\"sword\",\"Quantity\":2,\"ZoneId\":\"1\",\"OrigPrice\":600,\"ActualPrice\":500,\"Attach\":\"a\","
                    + "\"OrderSource\":1},\"WeChatPayInfo\":{\"MchOrderNo\":\"m1\",\"TransactionId\":\"42\"}}";

    final PushChannelSecurity channel = PushChannelSecurity.safe(Secret.of(TOKEN), Secret.of(AES_KEY), APPID);
    final PayV2Push push = PayV2Push.create(CREDENTIALS, channel);
    final PayEventSignature keys = PayEventSignature.of(CREDENTIALS);

    @TempDir
    Path dir;

    /** The JSON message WeChat posts for {@code event}, signed with the AppKey of {@code env}. */
    String message(String event, String payload, Environment env, boolean mock) {
        return "{\"ToUserName\":\"gh_1234567890ab\",\"FromUserName\":\"o_wechat\",\"CreateTime\":1764400000,"
                + "\"MsgType\":\"event\",\"Event\":\"" + event + "\",\"MiniGame\":{\"Payload\":" + jsonString(payload)
                + ",\"PayEventSig\":\"" + keys.sign(env, event, payload) + "\",\"IsMock\":" + mock + "}}";
    }

    static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static CapturedPush plain(String body, String contentType) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("signature", PushChannelSecurity.signature(Secret.of(TOKEN), "1764400000", "777"));
        q.put("timestamp", "1764400000");
        q.put("nonce", "777");
        return CapturedPush.of(q, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    CapturedPush safe(String message) {
        String encrypt = channel.encrypt(message);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("signature", PushChannelSecurity.signature(Secret.of(TOKEN), "1764400000", "777"));
        q.put("timestamp", "1764400000");
        q.put("nonce", "777");
        q.put("encrypt_type", "aes");
        q.put("msg_signature", channel.msgSignature("1764400000", "777", encrypt));
        String body = "{\"ToUserName\":\"gh_1234567890ab\",\"Encrypt\":\"" + encrypt + "\"}";
        return CapturedPush.of(q, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void aPlainJsonItemPushIsVerifiedAndTyped() {
        PushEvent event = push.verify(plain(
                message(PushEvent.ITEM_DELIVERED, ITEM_PAYLOAD, Environment.PRODUCTION, false), "application/json"));
        ItemDelivered item = assertInstanceOf(ItemDelivered.class, event);
        assertEquals("o1", item.openId());
        assertEquals("sword", item.productId());
        assertEquals(2, item.quantity());
        assertEquals(500, item.actualPrice());
        assertEquals(OptionalLong.of(600), item.origPrice());
        assertEquals(Optional.of("42"), item.weChatPayInfo().flatMap(w -> w.transactionId()));
        assertEquals(ITEM_PAYLOAD, item.payload());
        assertEquals("minigame_game_pay_goods_deliver_notify:t-1", item.dedupKey());
        assertFalse(item.mock());
    }

    @Test
    void aSafeModePushIsOpenedAndVerified() {
        String payload = "{\"OpenId\":\"o2\",\"Env\":1,\"OutTradeNo\":\"coins-9\",\"CoinInfo\":{\"ZoneId\":\"3\","
                + "\"Quantity\":60,\"OrigPrice\":600,\"ActualPrice\":600,\"Attach\":\"首充\"}}";
        PushEvent event = push.verify(safe(message(PushEvent.COIN_DELIVERED, payload, Environment.SANDBOX, false)));
        CoinDelivered coins = assertInstanceOf(CoinDelivered.class, event);
        assertEquals(Environment.SANDBOX, coins.environment());
        assertEquals(OptionalLong.of(60), coins.quantity());
        assertEquals(Optional.of("首充"), coins.attach());
        assertEquals("minigame_coin_deliver_completed:coins-9", coins.dedupKey());
    }

    @Test
    void anXmlPushIsRead() {
        String xml = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1764400000</CreateTime>"
                + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + PushEvent.ITEM_DELIVERED + "]]></Event>"
                + "<MiniGame><Payload><![CDATA[" + ITEM_PAYLOAD + "]]></Payload><PayEventSig><![CDATA["
                + keys.sign(Environment.PRODUCTION, PushEvent.ITEM_DELIVERED, ITEM_PAYLOAD)
                + "]]></PayEventSig><IsMock>true</IsMock></MiniGame></xml>";
        PushEvent event = push.verify(plain(xml, "text/xml"));
        assertTrue(event.mock());
        assertEquals("sword", ((ItemDelivered) event).productId());
    }

    @Test
    void xmlWithExternalEntitiesIsRefusedWithoutReadingThem() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"" + secret.toUri()
                + "\">]><xml><Event>&x;</Event></xml>";
        PushVerificationException e =
                assertThrows(PushVerificationException.class, () -> push.verify(plain(xxe, "text/xml")));
        assertEquals(PushCheck.BODY, e.check());
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
        assertTrue(e.line().isPresent(), "the parser says where");
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                sb.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            sb.append("\">");
        }
        sb.append("]><xml><Event>&lol9;</Event></xml>");
        PushVerificationException e = assertThrows(
                PushVerificationException.class, () -> push.verify(plain(sb.toString(), "application/xml")));
        assertEquals(PushCheck.BODY, e.check());
    }

    @Test
    void eachTamperingIsRefusedByItsCheck() {
        String good = message(PushEvent.ITEM_DELIVERED, ITEM_PAYLOAD, Environment.PRODUCTION, false);
        String tamperedPayload = good.replace("\\\"ActualPrice\\\":500", "\\\"ActualPrice\\\":5");
        assertEquals(
                PushCheck.PAY_EVENT_SIG, refusal(plain(tamperedPayload, null)).check());

        CapturedPush wrongUrlSig = CapturedPush.parse(
                "signature=0000000000000000000000000000000000000000&timestamp=1764400000&nonce=777",
                good.getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertEquals(PushCheck.URL_SIGNATURE, refusal(wrongUrlSig).check());

        CapturedPush sealed = safe(good);
        String body = new String(sealed.body(), StandardCharsets.UTF_8);
        int at = body.indexOf("\"Encrypt\":\"") + 11;
        char c = body.charAt(at);
        String flipped = body.substring(0, at) + (c == 'A' ? 'B' : 'A') + body.substring(at + 1);
        assertEquals(
                PushCheck.MSG_SIGNATURE,
                refusal(CapturedPush.of(sealed.query(), flipped.getBytes(StandardCharsets.UTF_8), null))
                        .check());

        PayV2Push otherApp = PayV2Push.create(
                CREDENTIALS, PushChannelSecurity.safe(Secret.of(TOKEN), Secret.of(AES_KEY), "wxsomeoneelse00000"));
        PushVerificationException appid = assertThrows(PushVerificationException.class, () -> otherApp.verify(sealed));
        assertEquals(PushCheck.DECRYPT_APPID, appid.check());
    }

    @Test
    void thePayloadsEnvChoosesTheKey() {
        String sandboxPayload = ITEM_PAYLOAD.replace("\"Env\":0", "\"Env\":1");
        String signedWithProductionKey =
                message(PushEvent.ITEM_DELIVERED, sandboxPayload, Environment.PRODUCTION, false);
        PushVerificationException e = refusal(plain(signedWithProductionKey, null));
        assertEquals(PushCheck.PAY_EVENT_SIG, e.check());
        assertTrue(e.getMessage().contains("matches the production AppKey"), e.getMessage());
        assertEquals(
                Environment.SANDBOX,
                push.verify(plain(message(PushEvent.ITEM_DELIVERED, sandboxPayload, Environment.SANDBOX, false), null))
                        .environment());
    }

    @Test
    void aBadPayloadFieldIsNamed() {
        String noPrice = ITEM_PAYLOAD.replace(",\"ActualPrice\":500", "");
        PushVerificationException e =
                refusal(plain(message(PushEvent.ITEM_DELIVERED, noPrice, Environment.PRODUCTION, true), null));
        assertEquals(PushCheck.PAYLOAD, e.check());
        assertEquals(Optional.of("GoodsInfo.ActualPrice"), e.field());

        String textPrice = ITEM_PAYLOAD.replace("\"ActualPrice\":500", "\"ActualPrice\":\"500\"");
        assertTrue(refusal(plain(message(PushEvent.ITEM_DELIVERED, textPrice, Environment.PRODUCTION, false), null))
                .getMessage()
                .contains("must be a number"));

        String twice = "{\"OpenId\":\"o1\",\"Env\":0,\"OutTradeNo\":\"t-1\",\"OutTradeNo\":\"t-2\"}";
        PushVerificationException dup =
                refusal(plain(message(PushEvent.ITEM_DELIVERED, twice, Environment.PRODUCTION, false), null));
        assertEquals(PushCheck.PAYLOAD, dup.check());
        assertTrue(dup.getMessage().contains("appears twice"), dup.getMessage());
    }

    @Test
    void anUnknownEventIsKeptRaw() {
        String payload = "{\"OpenId\":\"o1\",\"Env\":0,\"OutTradeNo\":\"r-1\",\"RefundFee\":100}";
        UnknownEvent e = assertInstanceOf(
                UnknownEvent.class,
                push.verify(
                        plain(message("minigame_game_refund_notify", payload, Environment.PRODUCTION, false), null)));
        assertEquals(payload, e.payload());
        assertEquals("minigame_game_refund_notify:r-1", e.dedupKey());
    }

    @Test
    void aPushThatIsNotAPaymentEventSaysSo() {
        PushVerificationException e = refusal(
                plain("{\"ToUserName\":\"gh_1\",\"MsgType\":\"event\",\"Event\":\"user_enter_tempsession\"}", null));
        assertEquals(PushCheck.BODY, e.check());
        assertEquals(Optional.of("MiniGame.Payload"), e.field());
    }

    @Test
    void diagnoseReportsEveryCheck() {
        String good = message(PushEvent.ITEM_DELIVERED, ITEM_PAYLOAD, Environment.PRODUCTION, false);
        PushDiagnosis ok = push.diagnose(safe(good));
        assertTrue(ok.valid(), ok.toString());
        assertTrue(ok.steps().stream().allMatch(s -> s.outcome() == PushDiagnosis.Outcome.PASSED), ok.toString());

        PushDiagnosis bad = push.diagnose(plain(good.replace("\\\"Quantity\\\":2", "\\\"Quantity\\\":3"), null));
        assertFalse(bad.valid());
        assertEquals(PushCheck.PAY_EVENT_SIG, bad.firstFailure().orElseThrow().check());
        assertEquals(
                PushDiagnosis.Outcome.SKIPPED,
                bad.steps().stream()
                        .filter(s -> s.check() == PushCheck.PAYLOAD)
                        .findFirst()
                        .orElseThrow()
                        .outcome());
        assertFalse(bad.toString().contains(TOKEN) || bad.toString().contains("prod-app-key"), "no secrets");
    }

    @Test
    void urlVerificationAnswersEchostr() {
        CapturedPush get = CapturedPush.parse(
                "signature=f464b24fc39322e44b38aa78f5edd27bd1441696&echostr=4375120948345356249"
                        + "&timestamp=1714036504&nonce=1514711492",
                new byte[0],
                null);
        PayV2Push official = PayV2Push.create(CREDENTIALS, PushChannelSecurity.plain(Secret.of("AAAAA")));
        assertEquals("4375120948345356249", official.verifyUrl(get));
        assertEquals(
                PushCheck.URL_SIGNATURE,
                assertThrows(PushVerificationException.class, () -> push.verifyUrl(get))
                        .check());
    }

    @Test
    void aSealedAnswerOpensToTheAnswer() {
        CapturedPush request = safe(message(PushEvent.ITEM_DELIVERED, ITEM_PAYLOAD, Environment.PRODUCTION, false));
        String sealed = push.sealAnswer(request, PushEvent.SUCCESS_ANSWER);
        String encrypt = sealed.replaceAll(".*\"Encrypt\":\"([^\"]+)\".*", "$1");
        assertEquals(PushEvent.SUCCESS_ANSWER, channel.decrypt(encrypt));
    }

    PushVerificationException refusal(CapturedPush p) {
        return assertThrows(PushVerificationException.class, () -> push.verify(p));
    }
}
