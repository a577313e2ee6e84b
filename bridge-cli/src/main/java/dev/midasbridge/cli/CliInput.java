package dev.midasbridge.cli;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading what a command is given: a file or stdin, as bytes or as a JSON object, with one-line errors. */
final class CliInput {
    private CliInput() {}

    /** The bytes of {@code fileOrDash}; {@code -} reads stdin. */
    static byte[] read(String fileOrDash) throws IOException {
        if (fileOrDash.equals("-")) {
            try (InputStream in = System.in) {
                return in.readAllBytes();
            }
        }
        return read(Path.of(fileOrDash));
    }

    /** The bytes of {@code file}. */
    static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CliException.badInput("no such file: " + file);
        }
    }

    /** {@code bytes} parsed as one JSON object (numbers as Double, as Moshi reads them); {@code what} names it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonObject(byte[] bytes, String what) {
        Object parsed;
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            dev.midasbridge.app.config.JsonText.parse(text); // a syntax error names its line and column, no Moshi hint
        } catch (dev.midasbridge.app.config.JsonText.SyntaxException e) {
            throw CliException.badInput(what + " is not valid JSON: " + e.getMessage());
        }
        try {
            parsed = new Moshi.Builder().build().adapter(Object.class).fromJson(text);
        } catch (IOException | RuntimeException e) {
            throw CliException.badInput(what + " is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map)) {
            throw CliException.badInput(what + " must be a JSON object");
        }
        return new LinkedHashMap<>((Map<String, Object>) parsed);
    }
}
