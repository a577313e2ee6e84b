package dev.midasbridge.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Checks an implementation against conformance vector files (VECTORS.md): the built-in public vectors or any file
 * in the {@code midas-bridge-vectors/1} format, against midas-bridge itself or an external {@code --signer} process.
 */
public final class Conformance {
    /** The name of the built-in vectors in reports. */
    public static final String BUILT_IN = "built-in public.json";

    private static final String BUILT_IN_RESOURCE = "public.json";

    private Conformance() {}

    /** midas-bridge's own signers, order-number rules and translation, as a subject. */
    public static Subject ownImplementation() {
        return ReferenceSubject.INSTANCE;
    }

    /**
     * An implementation running as another process, started now from {@code command}: one line of JSON per vector
     * on its stdin, one line of JSON back on its stdout, each within {@code perVectorTimeout}. Close it when done.
     */
    public static Subject externalProcess(List<String> command, Duration perVectorTimeout) throws IOException {
        return ProcessSubject.start(command, perVectorTimeout);
    }

    /** Runs the built-in public vectors against {@code subject}. */
    public static ConformanceReport runBuiltIn(Subject subject) {
        Objects.requireNonNull(subject, "subject");
        try (InputStream in = Conformance.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in vectors are missing from the classpath");
            }
            return VectorRunner.run(BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8), subject);
        } catch (IOException e) {
            throw new IllegalStateException("the built-in vectors cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the vector file {@code file} against {@code subject}.
     *
     * @throws VectorFileException when the file is not UTF-8 JSON in the {@code midas-bridge-vectors/1} format
     * @throws IOException when the file cannot be read
     */
    public static ConformanceReport run(Path file, Subject subject) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(subject, "subject");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new VectorFileException(file + ": not a vector file: it is not UTF-8 text", e);
        }
        return VectorRunner.run(file.toString(), text, subject);
    }
}
