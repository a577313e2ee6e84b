package dev.midasbridge.simulator;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A game's message-push endpoint for tests, on the JDK's HttpServer: it verifies every push independently of the
 * stand-in's code (its own SHA-1, AES and HMAC straight from the JDK, Moshi and the JDK's XML parser), records what it
 * received, and answers as configured: success ({@code {"ErrCode":0,"ErrMsg":"Success"}}, in XML for XML pushes),
 * or a failure for the first {@link #failFirst(int)} pushes, or always ({@link #alwaysFail()}). A push that fails
 * verification is answered {@code ErrCode 99999} naming the reason. Also answers URL verification (GET with echostr).
 */
public final class PushReceiver implements AutoCloseable {
    private static final JsonAdapter<Map<String, Object>> MAP =
            new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

    /** One push as received: whether it verified (and why not), and what it carried. */
    public record Received(
            boolean valid,
            String reason,
            boolean safe,
            boolean xml,
            String event,
            String payload,
            String payEventSig,
            boolean isMock,
            long createTime,
            String toUserName,
            String fromUserName) {}

    private final HttpServer server;
    private final String token;
    private final byte[] aesKey;
    private final String appId;
    private final String productionKey;
    private final String sandboxKey;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> verifications = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile boolean alwaysFail;
    private final AtomicInteger stallsLeft = new AtomicInteger();
    private volatile long stallMillis;

    private PushReceiver(String token, String encodingAesKey, String appId, String productionKey, String sandboxKey)
            throws IOException {
        this.token = token;
        this.aesKey = Base64.getDecoder().decode(encodingAesKey + "=");
        this.appId = appId;
        this.productionKey = productionKey;
        this.sandboxKey = sandboxKey;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/push", this::handle);
        server.start();
    }

    public static PushReceiver start(
            String token, String encodingAesKey, String appId, String productionKey, String sandboxKey) {
        try {
            return new PushReceiver(token, encodingAesKey, appId, productionKey, sandboxKey);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/push";
    }

    /** The next {@code n} pushes are answered with a failure (ErrCode 1), the ones after with success. */
    public PushReceiver failFirst(int n) {
        failuresLeft.set(n);
        return this;
    }

    /** The next {@code n} pushes are answered only after {@code millis} (past the sender's timeout, say). */
    public PushReceiver stallFirst(int n, long millis) {
        stallMillis = millis;
        stallsLeft.set(n);
        return this;
    }

    /** Every push is answered with a failure. */
    public PushReceiver alwaysFail() {
        alwaysFail = true;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The echostr values of the URL verifications answered (or "refused"). */
    public List<String> verifications() {
        return List.copyOf(verifications);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            if (ex.getRequestMethod().equals("GET")) {
                boolean ok = sha1(token, q.get("timestamp"), q.get("nonce")).equals(q.get("signature"));
                verifications.add(ok ? q.get("echostr") : "refused");
                answer(ex, 200, "text/plain", ok ? q.get("echostr") : "signature error");
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            Received r = verify(q, new String(body, StandardCharsets.UTF_8));
            if (stallsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                try {
                    Thread.sleep(stallMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            received.add(r);
            boolean fail = !r.valid() || alwaysFail || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            int code = !r.valid() ? 99999 : fail ? 1 : 0;
            String msg = !r.valid() ? r.reason() : fail ? "try again" : "Success";
            if (r.xml()) {
                answer(
                        ex,
                        200,
                        "text/xml",
                        "<xml><ErrCode>" + code + "</ErrCode><ErrMsg><![CDATA[" + msg + "]]></ErrMsg></xml>");
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ErrCode", code);
                m.put("ErrMsg", msg);
                answer(ex, 200, "application/json", MAP.toJson(m));
            }
        }
    }

    private Received verify(Map<String, String> q, String body) {
        boolean xml = body.strip().startsWith("<");
        boolean safe = "aes".equals(q.get("encrypt_type"));
        if (!sha1(token, q.get("timestamp"), q.get("nonce")).equals(q.get("signature"))) {
            return refused("signature", safe, xml);
        }
        String message = body;
        if (safe) {
            Map<String, String> envelope = xml ? xmlFields(body) : jsonStrings(body);
            String encrypt = envelope.get("Encrypt");
            if (encrypt == null) {
                return refused("no Encrypt", true, xml);
            }
            if (!sha1(token, q.get("timestamp"), q.get("nonce"), encrypt).equals(q.get("msg_signature"))) {
                return refused("msg_signature", true, xml);
            }
            try {
                Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(aesKey, 0, 16));
                byte[] plain = c.doFinal(Base64.getDecoder().decode(encrypt));
                int pad = plain[plain.length - 1] & 0xff;
                if (pad < 1 || pad > 32) {
                    return refused("padding", true, xml);
                }
                for (int i = plain.length - pad; i < plain.length; i++) {
                    if ((plain[i] & 0xff) != pad) {
                        return refused("padding", true, xml);
                    }
                }
                byte[] content = Arrays.copyOf(plain, plain.length - pad);
                int len = ByteBuffer.wrap(content, 16, 4).getInt();
                if (len < 0 || 20 + len > content.length) {
                    return refused("length", true, xml);
                }
                String app = new String(content, 20 + len, content.length - 20 - len, StandardCharsets.UTF_8);
                if (!app.equals(appId)) {
                    return refused("appid", true, xml);
                }
                message = new String(content, 20, len, StandardCharsets.UTF_8);
            } catch (Exception e) {
                return refused("decrypt: " + e.getMessage(), true, xml);
            }
        }
        String event;
        String payload;
        String sig;
        boolean mock;
        long createTime;
        String to;
        String from;
        try {
            if (xml) {
                Map<String, String> f = xmlFields(message);
                if (!"event".equals(f.get("MsgType"))) {
                    return refused("MsgType", safe, true);
                }
                event = f.get("Event");
                payload = f.get("MiniGame/Payload");
                sig = f.get("MiniGame/PayEventSig");
                mock = Boolean.parseBoolean(f.get("MiniGame/IsMock"));
                createTime = Long.parseLong(f.get("CreateTime"));
                to = f.get("ToUserName");
                from = f.get("FromUserName");
            } else {
                Map<String, Object> m = MAP.fromJson(message);
                if (!"event".equals(m.get("MsgType"))) {
                    return refused("MsgType", safe, false);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> mg = (Map<String, Object>) m.get("MiniGame");
                event = (String) m.get("Event");
                payload = (String) mg.get("Payload");
                sig = (String) mg.get("PayEventSig");
                mock = Boolean.TRUE.equals(mg.get("IsMock"));
                createTime = ((Number) m.get("CreateTime")).longValue();
                to = (String) m.get("ToUserName");
                from = (String) m.get("FromUserName");
            }
        } catch (Exception e) {
            return refused("message: " + e, safe, xml);
        }
        Object env;
        try {
            env = MAP.fromJson(payload).get("Env");
        } catch (Exception e) {
            return refused("payload is not JSON", safe, xml);
        }
        String key = env instanceof Number n && n.intValue() == 1 ? sandboxKey : productionKey;
        String expected = TestHmac.hex(key, event + "&" + payload);
        boolean ok = expected.equals(sig);
        return new Received(ok, ok ? "" : "PayEventSig", safe, xml, event, payload, sig, mock, createTime, to, from);
    }

    private static Received refused(String reason, boolean safe, boolean xml) {
        return new Received(false, reason, safe, xml, null, null, null, false, 0, null, null);
    }

    static String sha1(String... parts) {
        try {
            String[] sorted = parts.clone();
            Arrays.sort(sorted);
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(String.join("", sorted).getBytes(StandardCharsets.UTF_8));
            return TestHmac.hex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> jsonStrings(String json) {
        try {
            Map<String, String> out = new LinkedHashMap<>();
            MAP.fromJson(json).forEach((k, v) -> out.put(k, String.valueOf(v)));
            return out;
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** The text of the root's children and grandchildren ("MiniGame/Payload"). */
    static Map<String, String> xmlFields(String xml) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Element root = doc.getDocumentElement();
            for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    out.put(e.getTagName(), e.getTextContent());
                    for (org.w3c.dom.Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                        if (c instanceof Element ce) {
                            out.put(e.getTagName() + "/" + ce.getTagName(), ce.getTextContent());
                        }
                    }
                }
            }
        } catch (Exception e) {
            return Map.of();
        }
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void answer(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    /** The events received, in order. */
    public List<String> events() {
        List<String> out = new ArrayList<>();
        received.forEach(r -> out.add(r.event()));
        return out;
    }
}
