package dev.midasbridge.simulator;

/** A stand-in server configuration that cannot be used; the message names the field (e.g. {@code players[1].session_key}). */
public final class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    InvalidConfigException(String field, String problem) {
        super("configuration field " + field + " " + problem);
        this.field = field;
    }

    /** The path of the offending field, e.g. {@code midas_v1.app_key} or {@code players[0].balance}. */
    public String field() {
        return field;
    }
}
