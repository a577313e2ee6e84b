package dev.midasbridge.conformance;

import java.io.IOException;
import java.util.Map;

/**
 * An implementation under test, speaking the {@code --signer} protocol: it receives one vector as a JSON object
 * without {@code expect} and answers a JSON object holding the values {@code expect} may hold for that kind
 * ({@code sig}, {@code mp_sig}; {@code pay_sig}, {@code signature}; {@code midas_v1}, {@code pay_v2}; {@code v2} or
 * {@code error}). Get one from {@link Conformance#ownImplementation()} or {@link Conformance#externalProcess}.
 */
public interface Subject extends AutoCloseable {
    /**
     * The answer to {@code vector} (plain JSON values: maps, lists, strings, {@code Long}s, booleans).
     *
     * @throws IOException when the subject cannot answer at all (it died, timed out or answered garbage); the
     *         runner records the vector as failed with this message
     */
    Map<String, Object> answer(Map<String, Object> vector) throws IOException;

    /** What the subject is, for reports (e.g. {@code midas-bridge} or the command line). */
    String name();

    /** Releases what the subject holds (e.g. stops its process). */
    @Override
    default void close() {}
}
