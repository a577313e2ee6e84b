package dev.midasbridge.cli.audit;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work on stderr, drawn by {@code me.tongfei:progressbar}, and only when stdout and stderr are
 * both a terminal: nothing at all is written when either is redirected (a file, a pipe, a test), so logs and
 * scripts never see it. The bar
 * is erased when the work ends, before the command prints its results. {@link #none()} shows nothing; commands use it
 * for {@code --json}.
 */
public final class TerminalProgress implements LongConsumer, AutoCloseable {
    /** Bars only when a person watches both outputs: stdout and stderr are a terminal (not a file, not a pipe). */
    private static volatile BooleanSupplier terminal = TerminalProgress::stdoutAndStderrAreTerminals;

    private final PrintWriter err;
    private final String task;
    private final long max;
    private final String unit;
    private final long unitSize;
    /** Show the bar only once this much is done ({@code 0}: at once; {@code Long.MAX_VALUE}: never). */
    private final long showFrom;

    private ProgressBar bar;
    private boolean closed;

    private TerminalProgress(PrintWriter err, String task, long max, String unit, long unitSize, long showFrom) {
        this.err = err;
        this.task = task;
        this.max = max;
        this.unit = unit;
        this.unitSize = unitSize;
        this.showFrom = showFrom;
        if (showFrom == 0) {
            show();
        }
    }

    /** Shows nothing. */
    public static TerminalProgress none() {
        return new TerminalProgress(null, "", -1, "", 1, Long.MAX_VALUE);
    }

    /**
     * A bar for {@code task} on {@code err} if stdout and stderr are terminals, counting up to {@code max} ({@code -1}: unknown,
     * the bar then shows how much is done); {@code unit} names what is counted.
     */
    public static TerminalProgress start(PrintWriter err, String task, long max, String unit) {
        return terminal.getAsBoolean() ? new TerminalProgress(err, task, max, " " + unit, 1, 0) : none();
    }

    /**
     * A bar for reading {@code size} bytes ({@code -1}: unknown) that appears only on a terminal and only once
     * {@code from} bytes are read, or at once when {@code size} is at least {@code from}: small inputs show nothing.
     */
    public static TerminalProgress bytes(PrintWriter err, String task, long size, long from) {
        if (!terminal.getAsBoolean()) {
            return none();
        }
        return new TerminalProgress(err, task, size, " MiB", 1L << 20, size >= from ? 0 : from);
    }

    /**
     * Tests: runs {@code work} as if stderr were ({@code true}) or were not a terminal, then restores the real check.
     * Tests run without a terminal, so this is how they see the bar.
     */
    public static <T> T asIfTerminal(boolean isTerminal, Supplier<T> work) {
        BooleanSupplier before = terminal;
        terminal = () -> isTerminal;
        try {
            return work.get();
        } finally {
            terminal = before;
        }
    }

    /** How much is done so far (the same unit as {@code max}). */
    @Override
    public synchronized void accept(long done) {
        if (bar == null && !closed && done >= showFrom) {
            show();
        }
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /** One more unit done. */
    public synchronized void step() {
        if (bar != null) {
            bar.step();
        }
    }

    /** Erases the bar (if it was shown). */
    @Override
    public synchronized void close() {
        closed = true;
        if (bar != null) {
            bar.close();
            bar = null;
            line.finish(); // the library's updater thread may render once more after its own clear: erase last
        }
    }

    private void show() {
        if (err == null) {
            return;
        }
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setUnit(unit, unitSize)
                .setConsumer(line = new Line(err, width()))
                .clearDisplayOnFinish()
                .continuousUpdate();
        if (max < 0) {
            b.hideEta();
        }
        bar = b.build();
    }

    private Line line;

    /** Writes the rendered bar over the current line of stderr; the library erases it when done. */
    private static final class Line implements ProgressBarConsumer {
        private final PrintWriter err;
        private final int width;

        Line(PrintWriter err, int width) {
            this.err = err;
            this.width = width;
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        private boolean finished;

        @Override
        public synchronized void accept(String rendered) {
            if (!finished) {
                err.print('\r' + rendered);
                err.flush();
            }
        }

        /** Erases the line and ignores any render that comes after. */
        synchronized void finish() {
            finished = true;
            err.print('\r' + " ".repeat(width) + '\r');
            err.flush();
        }

        @Override
        public void close() {
            err.flush();
        }
    }

    /** The terminal's width less one column (from {@code COLUMNS} when set), or 79. */
    private static int width() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            if (columns > 20) {
                return columns - 1;
            }
        } catch (NumberFormatException notSet) {
            // the usual case: shells do not export COLUMNS
        }
        return 79;
    }

    /** Whether this process's stderr is a terminal. */
    static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    /**
     * Whether bars are drawn in this process: stdout and stderr are both a terminal. A command whose output goes to
     * a file or a pipe ({@code bridge journal reconcile > report.txt}) shows no bar, even on stderr.
     */
    static boolean stdoutAndStderrAreTerminals() {
        return isTerminal(1) && isTerminal(2);
    }

    /**
     * Whether file descriptor {@code fd} of this process is a terminal: on Linux, whether it is a tty or pty device;
     * elsewhere, whether the JVM has a console (Java 17: stdin and stdout are a terminal).
     */
    private static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            if (Files.exists(link)) {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            }
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            // fall through to the console check
        }
        return System.console() != null;
    }
}
