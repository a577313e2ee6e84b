package dev.midasbridge.cli.audit;

/** Prints whether this process would draw progress bars (run by {@link TerminalDetectionTest} under a terminal). */
public final class TerminalProbe {
    private TerminalProbe() {}

    public static void main(String[] args) {
        System.out.println("bars=" + TerminalProgress.stdoutAndStderrAreTerminals());
    }
}
