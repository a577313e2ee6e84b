package dev.midasbridge.conformance;

import java.io.IOException;

/** A file that is not a vector file: not JSON, not UTF-8, or not the {@code midas-bridge-vectors/1} format. */
public final class VectorFileException extends IOException {
    private static final long serialVersionUID = 1L;

    VectorFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
