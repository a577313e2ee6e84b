package dev.midasbridge.conformance;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The vector kinds of VECTORS.md: for each, the keys {@code expect} may hold (with their JSON type) and the inputs a
 * vector must carry. A vector that lacks an input is malformed, and reported as a failure naming the input.
 */
enum Kind {
    MIDAS_V1_SIGN("midas_v1_sign", List.of("sig", "mp_sig")) {
        @Override
        Optional<Problem> missingInput(Map<String, Object> vector, Set<String> expectKeys) {
            return firstOf(
                    text(vector, "uri", false),
                    params(vector),
                    text(vector, "app_key", false),
                    expectKeys.contains("mp_sig") ? text(vector, "access_token", false) : Optional.empty(),
                    expectKeys.contains("mp_sig") ? text(vector, "session_key", false) : Optional.empty());
        }
    },
    PAY_V2_SIGN("pay_v2_sign", List.of("pay_sig", "signature")) {
        @Override
        Optional<Problem> missingInput(Map<String, Object> vector, Set<String> expectKeys) {
            return firstOf(
                    text(vector, "uri", false),
                    text(vector, "body", true),
                    expectKeys.contains("pay_sig") ? text(vector, "app_key", false) : Optional.empty(),
                    expectKeys.contains("signature") ? text(vector, "session_key", false) : Optional.empty());
        }
    },
    ORDER_NO("order_no", List.of("midas_v1", "pay_v2")) {
        @Override
        Optional<Problem> missingInput(Map<String, Object> vector, Set<String> expectKeys) {
            return text(vector, "value", true);
        }
    },
    TRANSLATE("translate", List.of("v2", "error")) {
        @Override
        Optional<Problem> missingInput(Map<String, Object> vector, Set<String> expectKeys) {
            boolean refund = "cancelpay".equals(vector.get("endpoint"));
            return firstOf(
                    text(vector, "endpoint", false),
                    typed(vector, "v1", vector.get("v1") instanceof Map, "a JSON object (the v1 request body)"),
                    typed(vector, "sandbox", vector.get("sandbox") instanceof Boolean, "true or false"),
                    text(vector, "v2_offer_id", false),
                    refund ? text(vector, "refund_bill_no", true) : Optional.empty(),
                    refund
                            ? typed(vector, "amount", JsonValues.isWholeNumber(vector.get("amount")), "a whole number")
                            : Optional.empty());
        }
    },
    PAY_EVENT_SIG("pay_event_sig", List.of("pay_event_sig")) {
        @Override
        Optional<Problem> missingInput(Map<String, Object> vector, Set<String> expectKeys) {
            return firstOf(text(vector, "event", false), text(vector, "payload", true), text(vector, "app_key", false));
        }
    },
    PUSH_SIGNATURE("push_signature", List.of("signature")) {
        @Override
        Optional<Problem> missingInput(Map<String, Object> vector, Set<String> expectKeys) {
            return firstOf(
                    text(vector, "token", false),
                    text(vector, "timestamp", false),
                    text(vector, "nonce", false),
                    vector.containsKey("encrypt") ? text(vector, "encrypt", false) : Optional.empty());
        }
    },
    PUSH_DECRYPT("push_decrypt", List.of("message", "error")) {
        @Override
        Optional<Problem> missingInput(Map<String, Object> vector, Set<String> expectKeys) {
            return firstOf(
                    text(vector, "encoding_aes_key", false),
                    text(vector, "appid", false),
                    text(vector, "encrypt", false));
        }
    },
    CLIENT_PAY_SIGN("client_pay_sign", List.of("pay_sig", "signature")) {
        @Override
        Optional<Problem> missingInput(Map<String, Object> vector, Set<String> expectKeys) {
            return firstOf(
                    text(vector, "api", false),
                    text(vector, "sign_data", true),
                    expectKeys.contains("pay_sig") ? text(vector, "app_key", false) : Optional.empty(),
                    expectKeys.contains("signature") ? text(vector, "session_key", false) : Optional.empty());
        }
    };

    /** Why a vector cannot be run: the input (or expect key) at fault, what it should be, what it is. */
    record Problem(String key, String expected, String actual) {}

    private final String wireName;
    private final List<String> expectKeys;

    Kind(String wireName, List<String> expectKeys) {
        this.wireName = wireName;
        this.expectKeys = expectKeys;
    }

    /** The kind named {@code name} in a vector file. */
    static Optional<Kind> named(Object name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }

    /** Every kind's name, for messages. */
    static String names() {
        return Arrays.stream(values()).map(k -> k.wireName).collect(Collectors.joining(", "));
    }

    String wireName() {
        return wireName;
    }

    /** The keys {@code expect} may hold for this kind. */
    List<String> expectKeys() {
        return expectKeys;
    }

    /** The first required input that is missing or of the wrong JSON type, given which keys are expected. */
    abstract Optional<Problem> missingInput(Map<String, Object> vector, Set<String> expectKeys);

    /** The first problem with the expected value under {@code key}: a key this kind cannot hold or a wrong type. */
    Optional<Problem> badExpectation(String key, Object value) {
        String at = "expect." + key;
        if (!expectKeys.contains(key)) {
            return Optional.of(new Problem(
                    at,
                    "one of " + String.join(", ", expectKeys) + " for kind " + wireName,
                    "a key this kind cannot hold"));
        }
        return switch (key) {
            case "midas_v1", "pay_v2" ->
                value instanceof Boolean
                        ? Optional.empty()
                        : Optional.of(new Problem(at, "true or false", describe(value)));
            case "v2" ->
                value instanceof Map
                        ? Optional.empty()
                        : Optional.of(new Problem(at, "a JSON object (the pay_v2 body)", describe(value)));
            default ->
                value instanceof String s && !s.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new Problem(at, "a non-empty string", describe(value)));
        };
    }

    @SafeVarargs
    private static Optional<Problem> firstOf(Optional<Problem>... checks) {
        for (Optional<Problem> p : checks) {
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> text(Map<String, Object> vector, String key, boolean mayBeEmpty) {
        Object v = vector.get(key);
        boolean ok = v instanceof String s && (mayBeEmpty || !s.isEmpty());
        return typed(vector, key, ok, mayBeEmpty ? "a string" : "a non-empty string");
    }

    private static Optional<Problem> typed(Map<String, Object> vector, String key, boolean ok, String what) {
        if (ok) {
            return Optional.empty();
        }
        return Optional.of(new Problem(key, what + " (a required input)", describe(vector, key)));
    }

    private static Optional<Problem> params(Map<String, Object> vector) {
        if (!(vector.get("params") instanceof Map<?, ?> params)) {
            return typed(vector, "params", false, "a JSON object of the body parameters");
        }
        for (Map.Entry<?, ?> e : params.entrySet()) {
            Object v = e.getValue();
            if (!(v instanceof String) && !JsonValues.isWholeNumber(v)) {
                return Optional.of(new Problem("params." + e.getKey(), "a string or a whole number", describe(v)));
            }
        }
        return Optional.empty();
    }

    private static String describe(Map<String, Object> vector, String key) {
        return vector.containsKey(key) ? describe(vector.get(key)) : "missing";
    }

    private static String describe(Object value) {
        return JsonValues.typeOf(value) + (value instanceof String s && s.isEmpty() ? " (empty)" : "");
    }
}
