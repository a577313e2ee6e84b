package dev.midasbridge.conformance;

import java.io.IOException;
import java.util.Map;

/** A subject that answers every vector with the same JSON object: for testing how answers are compared. */
final class FixedSubject implements Subject {
    private final Map<String, Object> answer;

    private FixedSubject(Map<String, Object> answer) {
        this.answer = answer;
    }

    /** Answers {@code json} (single quotes for double quotes) to every vector. */
    @SuppressWarnings("unchecked")
    static FixedSubject answering(String json) {
        try {
            return new FixedSubject((Map<String, Object>) JsonValues.parse(json.replace('\'', '"')));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public Map<String, Object> answer(Map<String, Object> vector) {
        return answer;
    }

    @Override
    public String name() {
        return "fixed answer";
    }
}
