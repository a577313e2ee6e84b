package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.push.PayEventSignature;
import dev.midasbridge.core.push.PushChannelSecurity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bridge events verify: every check of a captured push, with the diagnosis of the one that fails. */
class EventsCommandTest {
    static final String TOKEN = "push-token-for-tests";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String APPID = "wx5823bf96d3bd56c7";
    static final Map<String, String> ENV = Map.of(
            "MIDAS_BRIDGE_PUSH_TOKEN",
            TOKEN,
            "MIDAS_BRIDGE_PUSH_AES_KEY",
            AES_KEY,
            "PAY_V2_APP_KEY",
            "v2-prod-key-123456",
            "PAY_V2_SANDBOX_APP_KEY",
            "v2-sandbox-key-654321");
    static final String EVENT = "minigame_game_pay_goods_deliver_notify";
    static final String PAYLOAD = "{\"OpenId\":\"o1\",\"Env\":1,\"OutTradeNo\":\"t-42\",\"GoodsInfo\":{\"ProductId\":"
            + "\"sword\",\"Quantity\":1,\"ZoneId\":\"1\",\"OrigPrice\":600,\"ActualPrice\":600}}";

    @TempDir
    Path dir;

    Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        config = Files.writeString(
                dir.resolve("bridge.json"),
                "{\"midas_v1\": {\"appid\": \"" + APPID
                        + "\", \"offer_id\": \"1\"}, \"pay_v2\": {\"offer_id\": \"2\"}}");
    }

    static String message(String payload) {
        String sig = PayEventSignature.of(Secret.of("v2-prod-key-123456"), Secret.of("v2-sandbox-key-654321"))
                .sign(Environment.SANDBOX, EVENT, PAYLOAD);
        return "{\"ToUserName\":\"gh_1\",\"CreateTime\":1764400000,\"MsgType\":\"event\",\"Event\":\"" + EVENT
                + "\",\"MiniGame\":{\"Payload\":\"" + payload.replace("\"", "\\\"") + "\",\"PayEventSig\":\"" + sig
                + "\",\"IsMock\":false}}";
    }

    /** A safe-mode push of {@code message}: the body file and the query. */
    String[] safePush(String message) throws IOException {
        PushChannelSecurity channel = PushChannelSecurity.safe(Secret.of(TOKEN), Secret.of(AES_KEY), APPID);
        String encrypt = channel.encrypt(message);
        Path body = Files.writeString(
                dir.resolve("push.json"), "{\"ToUserName\":\"gh_1\",\"Encrypt\":\"" + encrypt + "\"}");
        String query = "signature=" + PushChannelSecurity.signature(Secret.of(TOKEN), "1764400000", "777")
                + "&timestamp=1764400000&nonce=777&encrypt_type=aes&msg_signature="
                + channel.msgSignature("1764400000", "777", encrypt);
        return new String[] {body.toString(), query};
    }

    @Test
    void aGoodSafeModePushPassesEveryCheck() throws IOException {
        String[] push = safePush(message(PAYLOAD));
        Cli r = Cli.run(
                ENV, "events", "verify", "--config", config.toString(), "--body-file", push[0], "--query", push[1]);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("\u2713 PAY_EVENT_SIG"), r.out());
        assertTrue(r.out().contains("\u2713 DECRYPT_APPID"), r.out());
        assertTrue(r.out().contains("valid: " + EVENT + " ItemDelivered, dedup key " + EVENT + ":t-42"), r.out());
        assertTrue(r.out().contains("sandbox"), r.out());
    }

    @Test
    void aTamperedPayloadFailsPayEventSigAndSaysWhy() throws IOException {
        String[] push = safePush(message(PAYLOAD.replace("\"ActualPrice\":600", "\"ActualPrice\":6")));
        Cli r = Cli.run(
                ENV, "events", "verify", "--config", config.toString(), "--body-file", push[0], "--query", push[1]);
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("\u2717 PAY_EVENT_SIG"), r.out());
        assertTrue(r.out().contains("- PAYLOAD"), r.out());
        assertTrue(r.out().contains("INVALID: PAY_EVENT_SIG failed"), r.out());
        for (String secret : ENV.values()) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), "no secret printed");
        }
    }

    @Test
    void jsonOutputAndACapturedRequestFile() throws IOException {
        String[] push = safePush(message(PAYLOAD));
        String body = Files.readString(Path.of(push[0]));
        Path captured = Files.writeString(
                dir.resolve("captured.json"),
                "{\"url\": \"https://game.example/push?" + push[1] + "\", \"content_type\": \"application/json\","
                        + " \"body\": \"" + body.replace("\"", "\\\"") + "\"}",
                StandardCharsets.UTF_8);
        Map<String, String> wrongToken = new HashMap<>(ENV);
        wrongToken.put("MIDAS_BRIDGE_PUSH_TOKEN", "another-token");
        Cli r = Cli.run(
                wrongToken,
                "events",
                "verify",
                "--config",
                config.toString(),
                "--request",
                captured.toString(),
                "--json");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        Map<String, Object> out = CliInput.jsonObject(r.out().getBytes(StandardCharsets.UTF_8), "output");
        assertEquals(false, out.get("valid"));
        assertTrue(r.out().contains("\"check\":\"URL_SIGNATURE\",\"outcome\":\"failed\""), r.out());

        Cli ok = Cli.run(
                ENV, "events", "verify", "--config", config.toString(), "--request", captured.toString(), "--json");
        assertEquals(0, ok.exitCode(), ok.out() + ok.err());
        assertTrue(ok.out().contains("\"dedup_key\":\"" + EVENT + ":t-42\""), ok.out());
    }

    @Test
    void badInputExitsTwoNamingIt() throws IOException {
        String[] push = safePush(message(PAYLOAD));
        Map<String, String> noToken = new HashMap<>(ENV);
        noToken.remove("MIDAS_BRIDGE_PUSH_TOKEN");
        Cli r = Cli.run(
                noToken, "events", "verify", "--config", config.toString(), "--body-file", push[0], "--query", push[1]);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("MIDAS_BRIDGE_PUSH_TOKEN"), r.err());

        Cli missing = Cli.run(
                ENV,
                "events",
                "verify",
                "--config",
                config.toString(),
                "--body-file",
                dir.resolve("nope").toString(),
                "--query",
                push[1]);
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such file"), missing.err());

        Cli nothing = Cli.run(ENV, "events", "verify", "--config", config.toString());
        assertEquals(2, nothing.exitCode());
    }
}
