package dev.midasbridge.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An implementation under test running as another process (the {@code --signer} protocol): started once; for each
 * vector one line of JSON goes to its stdin and one line of JSON is read from its stdout, within a timeout. A
 * subject that dies, answers garbage or is too slow fails that vector with a message saying so; after a timeout
 * the process is stopped (its answers could no longer be matched to vectors) and every later vector fails too.
 */
final class ProcessSubject implements Subject {
    private static final int STDERR_TAIL = 2000;
    private static final int ANSWER_EXCERPT = 200;
    private static final Optional<String> END_OF_OUTPUT = Optional.empty();

    private final String name;
    private final Duration timeout;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private final StringBuilder stderrTail = new StringBuilder();
    private final Thread stderrReader;
    private String stopped;
    private boolean asked;
    /** How many vectors got a JSON object back. */
    private int answered;

    private ProcessSubject(String name, Duration timeout, Process process) {
        this.name = name;
        this.timeout = timeout;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon(name + " stdout", () -> readLines(process.getInputStream()));
        this.stderrReader = daemon(name + " stderr", () -> keepTail(process.getErrorStream()));
    }

    /** Starts {@code command}; every vector must be answered within {@code timeout}. */
    static ProcessSubject start(List<String> command, Duration timeout) throws IOException {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("signer command: must name a program to run");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("signer timeout " + timeout + ": must be positive");
        }
        String name = "signer '" + String.join(" ", command) + "'";
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IOException(name + " could not be started: " + e.getMessage(), e);
        }
        return new ProcessSubject(name, timeout, process);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized Map<String, Object> answer(Map<String, Object> vector) throws IOException {
        if (stopped != null) {
            throw new SignerFailedException(name + ": " + stopped, answered);
        }
        String id = String.valueOf(vector.get("id"));
        if (asked) {
            synchronized (stderrTail) {
                // what it printed so far belongs to earlier vectors: never carry their secrets into later messages
                stderrTail.setLength(0);
            }
        }
        asked = true;
        try {
            stdin.write(JsonValues.write(vector));
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new SignerFailedException(died("before it read vector " + id).getMessage(), answered);
        }
        Optional<String> line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the answer to vector " + id, e);
        }
        if (line == null) {
            stopped =
                    "it was stopped after it gave no answer to vector " + id + " within " + timeout.toMillis() + " ms";
            process.destroyForcibly();
            throw new SignerFailedException(
                    name + " gave no answer to vector " + id + " within " + timeout.toMillis()
                            + " ms (--timeout-ms); it was stopped" + stderrTail(),
                    answered);
        }
        if (line.isEmpty()) {
            throw new SignerFailedException(
                    died("before it answered vector " + id).getMessage(), answered);
        }
        Map<String, Object> answer;
        try {
            answer = parseAnswer(line.get());
        } catch (IOException e) {
            if (answered == 0) {
                // its very first answer is not a JSON object: it does not speak the protocol; every vector would
                // fail the same way, so the run stops here with one error
                stopped = "it does not speak the signer protocol";
                process.destroyForcibly();
                throw new SignerFailedException(
                        name + " does not speak the signer protocol (one line of JSON in, one JSON object out): its"
                                + " answer to the first vector, " + id + ": " + e.getMessage() + stderrTail(),
                        answered);
            }
            throw e;
        }
        answered++;
        return answer;
    }

    private String stderrTail() {
        String tail;
        synchronized (stderrTail) {
            tail = stderrTail.toString().strip();
        }
        return tail.isEmpty() ? "" : "; its stderr ends with: " + tail;
    }

    private static Map<String, Object> parseAnswer(String line) throws IOException {
        Object answer;
        try {
            answer = JsonValues.parse(line);
        } catch (IOException e) {
            throw new IOException("it answered a line that is not JSON (" + e.getMessage() + "): " + excerpt(line), e);
        }
        if (!(answer instanceof Map<?, ?> map)) {
            throw new IOException(
                    "it answered " + JsonValues.typeOf(answer) + " where a JSON object was expected: " + excerpt(line));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
    }

    private IOException died(String when) {
        String status;
        try {
            status = process.waitFor(2, TimeUnit.SECONDS)
                    ? "exited with status " + process.exitValue()
                    : "closed its output";
            stderrReader.join(1000); // what it printed last is what explains its death
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = "closed its output";
        }
        String tail;
        synchronized (stderrTail) {
            tail = stderrTail.toString().strip();
        }
        stopped = "it " + status + " earlier";
        return new IOException(
                name + " " + status + " " + when + (tail.isEmpty() ? "" : "; its stderr ends with: " + tail));
    }

    private static String excerpt(String line) {
        return line.length() <= ANSWER_EXCERPT ? line : line.substring(0, ANSWER_EXCERPT) + "…";
    }

    private void readLines(InputStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(Optional.of(line));
            }
        } catch (IOException e) {
            // the process is gone: the waiting answer() sees the end of its output below
        } finally {
            lines.add(END_OF_OUTPUT);
        }
    }

    private void keepTail(InputStream err) {
        char[] buffer = new char[1024];
        try (Reader reader = new InputStreamReader(err, StandardCharsets.UTF_8)) {
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                synchronized (stderrTail) {
                    stderrTail.append(buffer, 0, n);
                    if (stderrTail.length() > STDERR_TAIL) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read is kept
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Closes the signer's stdin (its cue to exit), then stops it if it has not exited within a second. */
    @Override
    public synchronized void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        stopped = "it was closed";
    }

    @Override
    public String toString() {
        return name;
    }
}
