package dev.midasbridge.app.config;

/** The configuration is missing, malformed or names a secret that is not set; the message names the field. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
