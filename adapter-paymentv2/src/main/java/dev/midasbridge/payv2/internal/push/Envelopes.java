package dev.midasbridge.payv2.internal.push;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import okio.Buffer;

/** Safe-mode answer envelopes, JSON (Moshi) or XML. */
final class Envelopes {
    private Envelopes() {}

    static String answer(PushBody.Format format, String encrypt, String msgSignature, String timestamp, String nonce) {
        if (format == PushBody.Format.XML) {
            return "<xml><Encrypt><![CDATA[" + encrypt + "]]></Encrypt><MsgSignature><![CDATA[" + msgSignature
                    + "]]></MsgSignature><TimeStamp>" + digitsOnly(timestamp) + "</TimeStamp><Nonce><![CDATA["
                    + cdata(nonce) + "]]></Nonce></xml>";
        }
        Buffer buffer = new Buffer();
        try (JsonWriter w = JsonWriter.of(buffer)) {
            w.beginObject();
            w.name("Encrypt").value(encrypt);
            w.name("MsgSignature").value(msgSignature);
            w.name("TimeStamp").value(timestamp);
            w.name("Nonce").value(nonce);
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.readUtf8();
    }

    private static String digitsOnly(String s) {
        return s.chars().allMatch(Character::isDigit) ? s : "0";
    }

    private static String cdata(String s) {
        return s.replace("]]>", "]]]]><![CDATA[>");
    }
}
