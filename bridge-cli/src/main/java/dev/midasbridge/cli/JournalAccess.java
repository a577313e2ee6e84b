package dev.midasbridge.cli;

import dev.midasbridge.app.JournalSettings;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** How commands say which journal they use: one line on stderr under {@code --verbose}. */
final class JournalAccess {
    private JournalAccess() {}

    /** Whether {@code --verbose} was given anywhere on the command line. */
    static boolean verbose(CommandSpec spec) {
        CommandLine c = spec.commandLine();
        while (c.getParent() != null) {
            c = c.getParent();
        }
        return c.getParseResult() != null && c.getParseResult().expandedArgs().contains("--verbose");
    }

    /** Under {@code --verbose}: {@code bridge COMMAND: journal: WHERE}. */
    static void announce(CommandSpec spec, JournalSettings journal) {
        if (verbose(spec)) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + ": journal: " + journal.describe());
            err.flush();
        }
    }
}
