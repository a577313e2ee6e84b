package dev.midasbridge.cli.audit;

import java.io.PrintWriter;
import java.util.function.LongConsumer;

/** A progress bar on stderr, shown only on a terminal and only for inputs large enough to wait for. */
final class Progress implements LongConsumer {
    private static final long WORTH_SHOWING = 64L << 20;

    private final PrintWriter err;
    private final long size;
    private final boolean shown;
    private long lastPrint;

    private Progress(PrintWriter err, long size, boolean shown) {
        this.err = err;
        this.size = size;
        this.shown = shown;
    }

    static Progress forTerminal(PrintWriter err, long size) {
        return new Progress(err, size, System.console() != null && size >= WORTH_SHOWING);
    }

    @Override
    public void accept(long done) {
        if (!shown) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint < 200_000_000L && done < size) {
            return;
        }
        lastPrint = now;
        int pct = (int) Math.min(100, done * 100 / Math.max(size, 1));
        int filled = pct / 5;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + pct + "% of " + (size >> 20) + " MiB");
        err.flush();
    }

    void done() {
        if (shown) {
            err.print("\r" + " ".repeat(48) + "\r");
            err.flush();
        }
    }
}
