package dev.midasbridge.simulator;

/** What the stand-in echoes of a caller's value in an answer: at most {@link #MAX_ECHO} characters. */
final class Text {
    /** The most characters of a caller's value an errmsg repeats. */
    static final int MAX_ECHO = 64;

    private Text() {}

    /** {@code value} cut to {@link #MAX_ECHO} characters, with "..." when cut; never splits a surrogate pair. */
    static String clip(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= MAX_ECHO) {
            return value;
        }
        int end = MAX_ECHO;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "...";
    }
}
