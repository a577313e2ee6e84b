package dev.midasbridge.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP answer read off a raw socket, for the hostile-client suites (the stand-in's, and the gateway's through the
 * test-jar): reads until the connection closes, the body's Content-Length is in, or 1 MiB arrived.
 */
public record RawAnswer(int status, String text) {
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
    private static final Pattern LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    /** Reads one answer; a reset after part of it keeps what arrived, and no status line at all is status -1. */
    public static RawAnswer read(Socket s) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; buf.size() < 1 << 20 && (n = in.read(chunk)) > 0; ) {
                buf.write(chunk, 0, n);
                if (complete(buf.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (IOException e) {
            // reset after the answer: keep what arrived
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        Matcher m = STATUS.matcher(text);
        int status = m.find() ? Integer.parseInt(m.group(1)) : -1;
        int split = text.indexOf("\r\n\r\n");
        return new RawAnswer(status, split < 0 ? text : text.substring(split + 4));
    }

    private static boolean complete(String text) {
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            return false;
        }
        Matcher m = LENGTH.matcher(text.substring(0, split));
        return m.find() && text.length() - split - 4 >= Integer.parseInt(m.group(1));
    }
}
