package dev.midasbridge.conformance;

import dev.midasbridge.core.credentials.Secret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the vectors of one file against a subject (VECTORS.md): checks every key present in {@code expect} and
 * nothing else, reports unknown kinds and malformed vectors as failures, and masks the vector's secrets
 * ({@code app_key}, {@code session_key}, {@code access_token}) in everything it reports.
 */
final class VectorRunner {
    static final String FORMAT = "midas-bridge-vectors/1";
    private static final List<String> SECRET_INPUTS =
            List.of("app_key", "session_key", "access_token", "token", "encoding_aes_key");

    private VectorRunner() {}

    /** Runs the vector file {@code text}, named {@code source} in the report and in errors. */
    static ConformanceReport run(String source, String text, Subject subject) throws VectorFileException {
        List<?> vectors = vectorsOf(source, text);
        int passed = 0;
        List<VectorFailure> failures = new ArrayList<>();
        Set<String> seenIds = new HashSet<>();
        for (int i = 0; i < vectors.size(); i++) {
            Optional<VectorFailure> failure = runOne(i, vectors.get(i), seenIds, subject);
            if (failure.isPresent()) {
                failures.add(failure.get());
            } else {
                passed++;
            }
        }
        return new ConformanceReport(source, passed, failures);
    }

    private static List<?> vectorsOf(String source, String text) throws VectorFileException {
        Object document;
        try {
            document = JsonValues.parse(text);
        } catch (IOException e) {
            throw new VectorFileException(
                    source + ": not a vector file: it is not valid JSON (" + e.getMessage() + ")", e);
        }
        String shape = "a JSON object {\"format\": \"" + FORMAT + "\", \"vectors\": [...]}";
        if (!(document instanceof Map<?, ?> file)) {
            throw new VectorFileException(
                    source + ": not a vector file: expected " + shape + ", found " + JsonValues.typeOf(document), null);
        }
        Object format = file.get("format");
        if (!FORMAT.equals(format)) {
            throw new VectorFileException(
                    source + ": not a vector file: \"format\" is "
                            + (file.containsKey("format") ? JsonValues.show(format) : "missing") + ", expected \""
                            + FORMAT + "\"",
                    null);
        }
        if (!(file.get("vectors") instanceof List<?> vectors)) {
            throw new VectorFileException(
                    source + ": not a vector file: \"vectors\" is "
                            + (file.containsKey("vectors") ? JsonValues.typeOf(file.get("vectors")) : "missing")
                            + ", expected an array of vectors",
                    null);
        }
        return vectors;
    }

    private static Optional<VectorFailure> runOne(int index, Object entry, Set<String> seenIds, Subject subject) {
        String position = "#" + (index + 1);
        if (!(entry instanceof Map<?, ?> raw)) {
            return fail(position, "vector", "a JSON object", JsonValues.typeOf(entry));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> vector = (Map<String, Object>) raw;
        Object idValue = vector.get("id");
        if (!(idValue instanceof String id) || id.isEmpty()) {
            return fail(
                    position,
                    "id",
                    "a non-empty string",
                    vector.containsKey("id") ? JsonValues.show(idValue) : "missing");
        }
        if (!seenIds.add(id)) {
            return fail(id, "id", "an id no other vector in the file has", "a repeated id (vector " + position + ")");
        }
        List<Secret> secrets = secretsOf(vector);
        return check(id, vector, subject).map(f -> masked(f, secrets));
    }

    private static Optional<VectorFailure> check(String id, Map<String, Object> vector, Subject subject) {
        Optional<Kind> kind = Kind.named(vector.get("kind"));
        if (kind.isEmpty()) {
            return fail(
                    id,
                    "kind",
                    "one of " + Kind.names(),
                    vector.containsKey("kind") ? JsonValues.show(vector.get("kind")) : "missing");
        }
        if (!(vector.get("expect") instanceof Map<?, ?> expectRaw) || expectRaw.isEmpty()) {
            return fail(
                    id,
                    "expect",
                    "an object holding at least one of "
                            + String.join(", ", kind.get().expectKeys()),
                    vector.containsKey("expect") ? JsonValues.show(vector.get("expect")) : "missing");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> expect = (Map<String, Object>) expectRaw;
        for (Map.Entry<String, Object> e : expect.entrySet()) {
            Optional<Kind.Problem> bad = kind.get().badExpectation(e.getKey(), e.getValue());
            if (bad.isPresent()) {
                return fail(id, bad.get());
            }
        }
        Optional<Kind.Problem> missing = kind.get().missingInput(vector, expect.keySet());
        if (missing.isPresent()) {
            return fail(id, missing.get());
        }

        Map<String, Object> question = new LinkedHashMap<>(vector);
        question.remove("expect");
        String firstKey = expect.keySet().iterator().next();
        Map<String, Object> answer;
        try {
            answer = subject.answer(question);
        } catch (IOException | RuntimeException e) {
            return fail(
                    id,
                    firstKey,
                    JsonValues.show(expect.get(firstKey)),
                    "no answer from " + subject.name() + ": " + e.getMessage());
        }
        if (answer == null) {
            return fail(id, firstKey, JsonValues.show(expect.get(firstKey)), "no answer from " + subject.name());
        }
        for (Map.Entry<String, Object> e : expect.entrySet()) {
            Optional<VectorFailure> difference = compare(id, e.getKey(), e.getValue(), answer);
            if (difference.isPresent()) {
                return difference;
            }
        }
        return Optional.empty();
    }

    /** Hex and strings exactly, booleans exactly, {@code v2} as JSON values, {@code error} by substring. */
    private static Optional<VectorFailure> compare(String id, String key, Object expected, Map<String, ?> answer) {
        if (!answer.containsKey(key)) {
            String why = answer.containsKey("error") && !"error".equals(key)
                    ? "(missing; the subject answered error " + JsonValues.show(answer.get("error")) + ")"
                    : "(missing; the subject answered " + String.join(", ", answer.keySet()) + ")";
            return fail(id, key, JsonValues.show(expected), why);
        }
        Object actual = answer.get(key);
        if ("error".equals(key)) {
            if (actual instanceof String message && message.contains((String) expected)) {
                return Optional.empty();
            }
            return fail(id, key, "a message containing " + JsonValues.show(expected), JsonValues.show(actual));
        }
        return JsonValues.firstDifference(key, expected, actual)
                .map(d -> new VectorFailure(id, d.path(), d.expected(), d.actual()));
    }

    private static List<Secret> secretsOf(Map<String, Object> vector) {
        List<Secret> secrets = new ArrayList<>();
        for (String key : SECRET_INPUTS) {
            if (vector.get(key) instanceof String s && !s.isEmpty()) {
                secrets.add(Secret.of(s));
            }
        }
        return secrets;
    }

    private static VectorFailure masked(VectorFailure f, List<Secret> secrets) {
        String expected = f.expected();
        String actual = f.actual();
        for (Secret s : secrets) {
            expected = s.maskIn(expected);
            actual = s.maskIn(actual);
        }
        return new VectorFailure(f.vectorId(), f.key(), expected, actual);
    }

    private static Optional<VectorFailure> fail(String id, Kind.Problem problem) {
        return fail(id, problem.key(), problem.expected(), problem.actual());
    }

    private static Optional<VectorFailure> fail(String id, String key, String expected, String actual) {
        return Optional.of(new VectorFailure(id, key, expected, actual));
    }
}
