package dev.midasbridge.gateway;

import dev.midasbridge.core.credentials.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's push endpoint and client-payment endpoint (config sections {@code push} and {@code client_payment});
 * each is off unless configured. Never prints a secret.
 *
 * @param push the message-push endpoint: WeChat's payment events in, the game's webhook out
 * @param clientPayment {@code POST /bridge/client-payment}: the routed client payment parameters
 */
public record PushSettings(Optional<Push> push, Optional<ClientPayment> clientPayment) {
    public static final String DEFAULT_PUSH_PATH = "/bridge/push";
    public static final String DEFAULT_CLIENT_PAYMENT_PATH = "/bridge/client-payment";

    public PushSettings {
        Objects.requireNonNull(push, "push");
        Objects.requireNonNull(clientPayment, "clientPayment");
        if (push.isPresent()
                && clientPayment.isPresent()
                && push.get().path().equals(clientPayment.get().path())) {
            throw new IllegalArgumentException("push.path and client_payment.path must differ");
        }
    }

    /** Both endpoints off. */
    public static PushSettings none() {
        return new PushSettings(Optional.empty(), Optional.empty());
    }

    /**
     * The push endpoint.
     *
     * @param path where WeChat pushes (the game configures {@code https://<gateway><path>} as its message-push URL)
     * @param token the message-push Token (URL verification, {@code signature}, {@code msg_signature})
     * @param encodingAesKey the EncodingAESKey, for safe mode (without it, only plain-mode pushes verify)
     * @param appId the mini game's appid (the last part of a safe-mode plaintext)
     * @param webhookUrl where verified payment events are delivered (HTTP POST, JSON)
     * @param webhookToken sent as {@code Authorization: Bearer} to the webhook, when set
     * @param forwardUrl where pushes the gateway does not handle go, unchanged (method, query, body, Content-Type)
     * @param webhookTimeout one webhook call's limit
     * @param maxAttempts webhook calls per push before answering WeChat a failure (WeChat pushes again later)
     * @param initialBackoff the first pause between webhook calls (doubled each time)
     * @param maxBackoff the longest pause between webhook calls
     * @param claim how long an instance's claim on an event holds without news (a killed instance's events are taken
     *     over after it)
     * @param inFlightWait how long a copy of a push that another instance is delivering waits for it
     */
    public record Push(
            String path,
            Secret token,
            Optional<Secret> encodingAesKey,
            String appId,
            URI webhookUrl,
            Optional<Secret> webhookToken,
            Optional<URI> forwardUrl,
            Duration webhookTimeout,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration claim,
            Duration inFlightWait) {
        public Push {
            checkPath(path, "push.path");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(encodingAesKey, "encodingAesKey");
            Objects.requireNonNull(appId, "appId");
            httpUrl(webhookUrl, "push.webhook.url");
            Objects.requireNonNull(webhookToken, "webhookToken");
            Objects.requireNonNull(forwardUrl, "forwardUrl");
            forwardUrl.ifPresent(u -> httpUrl(u, "push.forward_url"));
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("push.webhook.max_attempts " + maxAttempts + ": 1 to 100");
            }
            for (Duration d : new Duration[] {webhookTimeout, initialBackoff, maxBackoff, claim}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("push durations must be positive");
                }
            }
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "push.webhook.max_backoff_ms must not be below push.webhook.initial_backoff_ms");
            }
            if (claim.compareTo(webhookTimeout.plus(maxBackoff)) <= 0) {
                throw new IllegalArgumentException("push.webhook.claim_ms must exceed timeout_ms + max_backoff_ms"
                        + " (each attempt renews the claim; a shorter one lets another instance deliver meanwhile)");
            }
            if (inFlightWait == null || inFlightWait.isNegative()) {
                throw new IllegalArgumentException("push.in_flight_wait_ms must not be negative");
            }
        }

        /** A push endpoint with the defaults: 5 s per call, 5 attempts, 200 ms to 5 s backoff, 60 s claims. */
        public static Push of(String path, Secret token, Optional<Secret> aesKey, String appId, URI webhook) {
            return new Push(
                    path,
                    token,
                    aesKey,
                    appId,
                    webhook,
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ofSeconds(5),
                    5,
                    Duration.ofMillis(200),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(3));
        }

        @Override
        public String toString() {
            return "Push[path=" + path + ", token=" + Secret.MASK + ", safe_mode="
                    + encodingAesKey.isPresent() + ", webhook=" + webhookUrl + ", forward=" + forwardUrl.orElse(null)
                    + "]";
        }
    }

    /**
     * The client-payment endpoint.
     *
     * @param path its path
     * @param token the bearer token callers present (read from {@code client_payment.token_file})
     */
    public record ClientPayment(String path, Secret token) {
        public ClientPayment {
            checkPath(path, "client_payment.path");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "ClientPayment[path=" + path + ", token=" + Secret.MASK + "]";
        }
    }

    private static void checkPath(String path, String what) {
        if (path == null || !path.matches("/[A-Za-z0-9/_.-]{1,200}")) {
            throw new IllegalArgumentException(what + ": a path such as /bridge/push (letters, digits, / _ . -)");
        }
        if (path.startsWith("/cgi-bin/") || path.startsWith("/wxa/") || path.startsWith("/sns/")) {
            throw new IllegalArgumentException(what + " " + path + ": must not shadow a WeChat API path");
        }
    }

    private static void httpUrl(URI u, String what) {
        Objects.requireNonNull(u, what);
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
            throw new IllegalArgumentException(what + ": an http:// or https:// URL");
        }
    }
}
