package dev.midasbridge.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The stand-in's push sender: it pushes payment events to the configured message-push URL as WeChat does (signed,
 * plain or safe mode, JSON or XML), retries every push not answered with success on the configured schedule, gives up
 * after the last attempt, and records every attempt ({@code GET /__admin/pushes}). Success is HTTP 200 with
 * {@code ErrCode} 0 in a JSON object ({@code {"ErrCode":0,"ErrMsg":"Success"}}) or in XML
 * ({@code <xml><ErrCode>0</ErrCode>…</xml>}); anything else (another status, another ErrCode, a body it cannot read,
 * a timeout, a refused connection) is a failure.
 *
 * <p>Bounded: at most {@code max_pending} pushes wait or run at once (more are refused), a fixed number of sender
 * threads, a timeout on every call, at most 64 KiB of an answer read and 200 characters of it kept, at most
 * {@link #MAX_RECORDS} deliveries remembered.
 */
final class PushSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushSender.class);

    /** Deliveries kept for {@code GET /__admin/pushes}; older ones are forgotten. */
    static final int MAX_RECORDS = 10_000;

    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final int KEPT_ANSWER_CHARS = 200;

    /** The push queue is full: {@code max_pending} pushes are already waiting or running. */
    static final class QueueFull extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        QueueFull(String message) {
            super(message);
        }
    }

    /** One attempt at delivering a push. */
    record Attempt(int number, Instant time, int status, String answer, String outcome, String detail) {}

    /** One push (one copy of a request) and what became of it. */
    static final class Delivery {
        final String id;
        final PushRequest request;
        final PushMessage message;
        final int copy;
        final int copies;
        final PushSettings settings;
        final PushSettings.Schedule schedule;
        final Instant created;
        private final List<Attempt> attempts = new ArrayList<>();
        private String state = "pending";

        Delivery(
                String id,
                PushRequest request,
                PushMessage message,
                int copy,
                int copies,
                PushSettings settings,
                Instant created) {
            this.id = id;
            this.request = request;
            this.message = message;
            this.copy = copy;
            this.copies = copies;
            this.settings = settings;
            this.schedule = settings.schedule(request.event());
            this.created = created;
        }

        synchronized String state() {
            return state;
        }

        synchronized List<Attempt> attempts() {
            return List.copyOf(attempts);
        }

        synchronized void add(Attempt a, String newState) {
            attempts.add(a);
            state = newState;
        }

        synchronized void setState(String s) {
            state = s;
        }
    }

    private final SimulatorConfig config;
    private final Clock clock;
    private final AtomicReference<Optional<PushSettings>> settings;
    private final ScheduledThreadPoolExecutor pool;
    private final ExecutorService httpExecutor;
    private HttpClient http; // made on first use: most stand-in servers never push
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentLinkedDeque<Delivery> records = new ConcurrentLinkedDeque<>();
    private volatile java.util.function.Consumer<Delivery> onDelivered = d -> {};

    PushSender(SimulatorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.settings = new AtomicReference<>(config.push());
        int threads = config.push().map(PushSettings::threads).orElse(4);
        this.pool = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "stand-in-push");
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.httpExecutor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "stand-in-push-http");
            t.setDaemon(true);
            return t;
        });
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(httpExecutor)
                    .build();
        }
        return http;
    }

    /** Calls {@code listener} (on a sender thread) for each push answered with success. */
    void onDelivered(java.util.function.Consumer<Delivery> listener) {
        onDelivered = listener;
    }

    /** The current push settings, if any. */
    Optional<PushSettings> settings() {
        return settings.get();
    }

    /** Replaces the push settings (pushes already queued keep theirs). */
    void configure(PushSettings s) {
        settings.set(Optional.of(s));
        if (s.threads() > pool.getCorePoolSize()) {
            pool.setCorePoolSize(s.threads());
        }
    }

    /**
     * Queues {@code request} ({@code duplicate} identical copies, each delivered and retried on its own); returns the
     * deliveries. Throws {@link IllegalStateException} when no push URL is configured, {@link QueueFull} when the
     * queue is full.
     */
    List<Delivery> push(PushRequest request) {
        PushSettings s = settings.get()
                .orElseThrow(
                        () -> new IllegalStateException(
                                "no push URL is configured: add a \"push\" section to the configuration or POST /__admin/push/config"));
        if (request.tamper().needsSafeMode() && !s.safe()) {
            throw new IllegalArgumentException(
                    "tamper \"" + request.tamper().wireName() + "\" needs safe mode (push mode \"safe\")");
        }
        int copies = request.duplicate();
        while (true) {
            int now = pending.get();
            if (now + copies > s.maxPending()) {
                throw new QueueFull("the push queue is full (" + now + " pending, max_pending " + s.maxPending()
                        + "); try again when pushes have been delivered");
            }
            if (pending.compareAndSet(now, now + copies)) {
                break;
            }
        }
        Secret key = config.payV2().key(request.environment());
        Secret signingKey =
                request.tamper() == PushRequest.Tamper.ENV_KEY ? config.payV2().key(other(request.environment())) : key;
        String sig = PushCrypto.payEventSig(signingKey, request.event(), request.payload());
        String payload = request.payload();
        if (request.tamper() == PushRequest.Tamper.PAY_EVENT_SIG) {
            sig = flipHex(sig);
        } else if (request.tamper() == PushRequest.Tamper.PAYLOAD) {
            payload = request.tamperedPayload().orElse(payload + " ");
        }
        long createTime = request.createTime().orElse(clock.instant().getEpochSecond());
        PushMessage message = new PushMessage(
                s.toUserName(), PushMessage.OFFICIAL_OPENID, createTime, request.event(), payload, sig, request.mock());
        List<Delivery> out = new ArrayList<>();
        for (int i = 1; i <= copies; i++) {
            Delivery d = new Delivery("p-" + ids.incrementAndGet(), request, message, i, copies, s, clock.instant());
            remember(d);
            out.add(d);
        }
        LOG.info("push {} queued ({} cop{}) to {}", request.describe(), copies, copies == 1 ? "y" : "ies", s.url());
        for (Delivery d : out) {
            schedule(d, 1, Duration.ZERO);
        }
        return out;
    }

    /** The deliveries remembered, oldest first. */
    List<Delivery> deliveries() {
        return List.copyOf(records);
    }

    /** Forgets every delivery record (pushes still pending go on). */
    void clearRecords() {
        records.clear();
    }

    /** How many pushes are waiting or running. */
    int pending() {
        return pending.get();
    }

    private void remember(Delivery d) {
        records.addLast(d);
        while (records.size() > MAX_RECORDS) {
            records.pollFirst();
        }
    }

    private void schedule(Delivery d, int attempt, Duration wait) {
        try {
            pool.schedule(() -> attempt(d, attempt), Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            d.setState("abandoned");
            pending.decrementAndGet();
        }
    }

    private void attempt(Delivery d, int number) {
        PushSettings s = d.settings;
        Instant at = clock.instant();
        int status = -1;
        String answer = "";
        String outcome;
        String detail;
        try {
            HttpRequest req = request(d, s);
            HttpResponse<InputStream> r = http().send(req, HttpResponse.BodyHandlers.ofInputStream());
            status = r.statusCode();
            byte[] body;
            try (InputStream in = r.body()) {
                body = in.readNBytes(MAX_ANSWER_BYTES);
            }
            answer = new String(body, StandardCharsets.UTF_8);
            Optional<String> problem = status == 200 ? successProblem(body) : Optional.of("HTTP " + status);
            outcome = problem.isEmpty() ? "success" : "failure";
            detail = problem.orElse("ErrCode 0");
        } catch (java.net.http.HttpTimeoutException e) {
            outcome = "error";
            detail = "no answer within " + s.timeout().toMillis() + " ms";
        } catch (IOException e) {
            outcome = "error";
            detail = "connection failed: " + Text.clip(String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            d.setState("abandoned");
            pending.decrementAndGet();
            return;
        } catch (RuntimeException e) {
            outcome = "error";
            detail = "cannot send: " + Text.clip(String.valueOf(e.getMessage()));
        }
        Attempt a = new Attempt(number, at, status, clipAnswer(answer), outcome, detail);
        boolean done = outcome.equals("success");
        boolean last = number >= d.schedule.attempts();
        d.add(a, done ? "delivered" : last ? "gave_up" : "pending");
        LOG.info(
                "push {} {} attempt {}/{}: {} ({})",
                d.id,
                d.request.event(),
                number,
                d.schedule.attempts(),
                outcome,
                detail);
        if (done || last) {
            pending.decrementAndGet();
            if (done) {
                try {
                    onDelivered.accept(d);
                } catch (RuntimeException e) {
                    LOG.warn("after delivering push {}: {}", d.id, e.toString());
                }
            }
            return;
        }
        schedule(d, number + 1, d.schedule.waitAfter(number));
    }

    /** The HTTP request of one attempt: fresh timestamp and nonce; in safe mode a fresh envelope. */
    private HttpRequest request(Delivery d, PushSettings s) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = PushCrypto.nonce();
        String token = s.token().reveal();
        String signature = PushCrypto.sha1Signature(token, timestamp, nonce);
        PushRequest.Tamper tamper = d.request.tamper();
        if (tamper == PushRequest.Tamper.SIGNATURE) {
            signature = flipHex(signature);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("signature", signature);
        query.put("timestamp", timestamp);
        query.put("nonce", nonce);
        String plain = d.message.render(s.xml());
        String body;
        if (s.safe()) {
            String appId = tamper == PushRequest.Tamper.APPID ? s.appId() + "x" : s.appId();
            String encrypt = PushCrypto.encrypt(s.encodingAesKey(), appId, plain);
            if (tamper == PushRequest.Tamper.ENCRYPT) {
                byte[] raw = Base64.getDecoder().decode(encrypt);
                raw[raw.length - 20] ^= 0x01;
                encrypt = Base64.getEncoder().encodeToString(raw);
            }
            String msgSignature = PushCrypto.sha1Signature(token, timestamp, nonce, encrypt);
            if (tamper == PushRequest.Tamper.MSG_SIGNATURE) {
                msgSignature = flipHex(msgSignature);
            }
            query.put("encrypt_type", "aes");
            query.put("msg_signature", msgSignature);
            body = PushMessage.envelope(s.xml(), s.toUserName(), encrypt);
        } else {
            body = plain;
        }
        return HttpRequest.newBuilder(withQuery(s.url(), query))
                .timeout(s.timeout())
                .header("Content-Type", s.xml() ? "text/xml; charset=utf-8" : "application/json; charset=utf-8")
                .header("User-Agent", "midas-bridge-stand-in-push")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    /**
     * URL verification, as WeChat does when the push URL is saved: {@code GET url?signature&timestamp&nonce&echostr};
     * passed when the answer is HTTP 200 whose body is exactly {@code echostr}. With {@code tamper} the signature is
     * wrong (a correct receiver must not echo).
     */
    Map<String, Object> verifyUrl(Optional<String> echostr, boolean tamper) {
        PushSettings s = settings.get()
                .orElseThrow(
                        () -> new IllegalStateException(
                                "no push URL is configured: add a \"push\" section to the configuration or POST /__admin/push/config"));
        String echo = echostr.orElse(PushCrypto.nonce() + PushCrypto.randomText(8));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = PushCrypto.nonce();
        String signature = PushCrypto.sha1Signature(s.token().reveal(), timestamp, nonce);
        if (tamper) {
            signature = flipHex(signature);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("signature", signature);
        query.put("timestamp", timestamp);
        query.put("nonce", nonce);
        query.put("echostr", echo);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("echostr", echo);
        out.put("tampered", tamper);
        try {
            HttpResponse<InputStream> r = http().send(
                            HttpRequest.newBuilder(withQuery(s.url(), query))
                                    .timeout(s.timeout())
                                    .header("User-Agent", "midas-bridge-stand-in-push")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = r.body()) {
                body = in.readNBytes(MAX_ANSWER_BYTES);
            }
            String answer = new String(body, StandardCharsets.UTF_8);
            boolean echoed = r.statusCode() == 200 && answer.equals(echo);
            out.put("status", (long) r.statusCode());
            out.put("answer", clipAnswer(answer));
            out.put("echoed", echoed);
            out.put(
                    "detail",
                    echoed
                            ? "the receiver echoed echostr"
                            : r.statusCode() != 200 ? "HTTP " + r.statusCode() : "the answer is not the echostr sent");
        } catch (java.net.http.HttpTimeoutException e) {
            out.put("status", -1L);
            out.put("echoed", false);
            out.put("detail", "no answer within " + s.timeout().toMillis() + " ms");
        } catch (IOException e) {
            out.put("status", -1L);
            out.put("echoed", false);
            out.put("detail", "connection failed: " + Text.clip(String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        return out;
    }

    /** Why an HTTP 200 answer is not a success, or empty when it is ({@code ErrCode} 0 in JSON or XML). */
    static Optional<String> successProblem(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            Object tree;
            try {
                tree = JsonTree.parse(text);
            } catch (IllegalArgumentException e) {
                return Optional.of("the answer is not JSON: " + Text.clip(e.getMessage()));
            }
            if (tree instanceof Map<?, ?> m && m.get("ErrCode") instanceof JsonTree.Num n && n.asLong() != null) {
                return n.asLong() == 0 ? Optional.empty() : Optional.of("ErrCode " + n.asLong());
            }
            return Optional.of("the JSON answer has no numeric ErrCode");
        }
        if (text.startsWith("<")) {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                f.setExpandEntityReferences(false);
                javax.xml.parsers.DocumentBuilder builder = f.newDocumentBuilder();
                builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                    @Override
                    public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                        throw e; // reported in the attempt's detail, not printed
                    }
                });
                Document doc = builder.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
                Element root = doc.getDocumentElement();
                NodeList codes = root.getElementsByTagName("ErrCode");
                if (!root.getTagName().equals("xml") || codes.getLength() != 1) {
                    return Optional.of("the XML answer has no <xml><ErrCode>");
                }
                String code = codes.item(0).getTextContent().strip();
                return code.equals("0") ? Optional.empty() : Optional.of("ErrCode " + Text.clip(code));
            } catch (Exception e) {
                return Optional.of("the answer is not XML: " + Text.clip(String.valueOf(e.getMessage())));
            }
        }
        return Optional.of("the answer is neither JSON nor XML: " + Text.clip(text));
    }

    private static URI withQuery(URI base, Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        if (base.getRawQuery() != null && !base.getRawQuery().isEmpty()) {
            q.append(base.getRawQuery());
        }
        params.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String s = base.toString();
        int cut = s.indexOf('?');
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        return URI.create(s + "?" + q);
    }

    private static String clipAnswer(String answer) {
        return answer.length() <= KEPT_ANSWER_CHARS ? answer : answer.substring(0, KEPT_ANSWER_CHARS) + "...";
    }

    /** {@code hex} with its first digit changed (still lowercase hex). */
    static String flipHex(String hex) {
        char c = hex.charAt(0);
        char d = c == '0' ? '1' : '0';
        return d + hex.substring(1);
    }

    private static Environment other(Environment env) {
        return env == Environment.PRODUCTION ? Environment.SANDBOX : Environment.PRODUCTION;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        httpExecutor.shutdownNow();
    }
}
