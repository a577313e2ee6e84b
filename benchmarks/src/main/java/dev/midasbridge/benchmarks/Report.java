package dev.midasbridge.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark of issue 7 side by side and writes {@code docs/BENCHMARKS.md}: each figure a ratio measured in
 * one run, with the machine, the JDK, the date, whether the target was met, and how to reproduce it.
 * Run it with {@code benchmarks/run} from the project root.
 */
public final class Report {
    private final Path root;
    private final List<String> sections = new ArrayList<>();

    private Report(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        Report r = new Report(
                Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize());
        if (args.length > 1 && args[1].equals("audit")) {
            r.auditOrders();
            System.out.println(r.sections.get(0));
            return;
        }
        r.signing();
        r.bridgeOverhead();
        r.auditOrders();
        r.serverLoad();
        r.write();
    }

    // --- 1. signing --------------------------------------------------------------------------------------------

    private void signing() throws RunnerException {
        Map<String, Double> s = jmh(SigningBenchmark.class.getName() + ".v[12](Ours|Ceiling)");
        double v1 = s.get("v1Ours") / s.get("v1Ceiling");
        double v2 = s.get("v2Ours") / s.get("v2Ceiling");
        StringBuilder b = new StringBuilder();
        b.append("## 1. Signing a pay request, against the raw `Mac` ceiling\n\n");
        b.append("Ours: v1 from the domain `Deduction` to the hex of `sig` and `mp_sig` (parameters, sorting, UTF-8,"
                + " two HMACs); v2 from the serialized body to the hex of `pay_sig` and `signature`. Ceiling: raw"
                + " `javax.crypto.Mac`s, initialised once per key and reused by the thread, over the same already-built"
                + " bytes, with the same hex encoding. Target: at least 0.7 of the ceiling.\n\n");
        b.append("| | ours (ops/ms) | ceiling (ops/ms) | ratio | target 0.7 |\n|---|---|---|---|---|\n");
        b.append(row("v1 `sig` + `mp_sig`", s.get("v1Ours"), s.get("v1Ceiling"), v1, v1 >= 0.7));
        b.append(row("v2 `pay_sig` + `signature`", s.get("v2Ours"), s.get("v2Ceiling"), v2, v2 >= 0.7));
        if (v1 < 0.7) {
            b.append(String.format(
                    Locale.ROOT,
                    "%nv1 misses the target by %.0f%%: the ceiling hashes two prebuilt"
                            + " messages (~1 µs), while ours first builds them from the domain request: the parameter map,"
                            + " rendering and UTF-8 encoding of each value (the item and remark are CJK), sorting, and"
                            + " assembling two messages of ~300 and ~450 bytes. Profiling (JFR) puts most of the remaining gap"
                            + " in that assembly, not in the HMACs; v2 has no such step because it signs the body bytes as"
                            + " they are.%n",
                    (0.7 - v1) / 0.7 * 100));
        }
        b.append("\nReproduce: `benchmarks/run signing`\n");
        sections.add(b.toString());
    }

    // --- 2. bridge overhead ------------------------------------------------------------------------------------

    private void bridgeOverhead() throws IOException, InterruptedException {
        List<Map<String, String>> results = results(BridgeOverheadBenchmark.class.getName(), List.of());
        Map<String, String> jmh = find(results, "bridge_overhead");
        Map<String, String> inter = find(results, "bridge_overhead_interleaved");
        StringBuilder b =
                new StringBuilder("## 2. Bridge overhead: a deduction through the bridge, against a raw POST\n\n");
        b.append("Both against one stand-in server over loopback, both real 1-coin deductions with fresh order numbers."
                + " Raw: an OkHttp POST of pre-signed pay_v2 bytes. Bridge: `GameCurrency.deduct` (routing, journal,"
                + " adapter, signing, JSON). Target: at most 1.15x with the in-memory journal.\n\n");
        double ratio = Double.parseDouble(inter.getOrDefault("in_memory_ratio", "NaN"));
        b.append("| | µs per deduction | ratio to raw | |\n|---|---|---|---|\n");
        b.append(String.format(Locale.ROOT, "| raw POST, interleaved | %s | 1 | |%n", inter.get("raw_us")));
        b.append(String.format(
                Locale.ROOT,
                "| bridge, in-memory journal, interleaved | %s | %.2f | target 1.15: %s |%n",
                inter.get("in_memory_us"),
                ratio,
                ratio <= 1.15 ? "met" : "missed"));
        b.append(String.format(Locale.ROOT, "| raw POST, JMH | %s | 1 | |%n", jmh.get("raw_us")));
        b.append(String.format(
                Locale.ROOT,
                "| bridge, in-memory journal, JMH | %s | %s | |%n",
                jmh.get("in_memory_us"),
                jmh.get("in_memory_ratio")));
        b.append(String.format(
                Locale.ROOT,
                "| bridge, embedded H2 journal, JMH | %s | %s | the journal adds %s µs |%n",
                jmh.get("embedded_us"),
                jmh.get("embedded_ratio"),
                jmh.get("embedded_added_us")));
        if (jmh.containsKey("postgres_us")) {
            b.append(String.format(
                    Locale.ROOT,
                    "| bridge, PostgreSQL journal, JMH | %s | %s | the journal adds %s µs |%n",
                    jmh.get("postgres_us"),
                    jmh.get("postgres_ratio"),
                    jmh.get("postgres_added_us")));
        } else {
            b.append("| bridge, PostgreSQL journal | not run | | set `MIDAS_BRIDGE_PG_URL` |\n");
        }
        b.append(
                "\nThe interleaved figure is the one to trust: blocks of raw and bridge operations alternate in one JVM,"
                        + " so load from other processes hits both alike; sequential JMH runs on a shared 2-core machine swing"
                        + " by 2x between runs (their CPU-per-op columns are in the raw output).\n");
        if (ratio > 1.15) {
            b.append(String.format(
                    Locale.ROOT,
                    "%nMissed by %.0f%%. A JFR profile of the calling thread spreads the"
                            + " bridge's own time over many small parts (about 40%% of its CPU; the rest is HTTP work the raw"
                            + " POST does too): `GameCurrency` bookkeeping, Moshi parsing the answer, the journal, the two"
                            + " HMACs, Retrofit, wire mapping, validation. No single part dominates; Retrofit (the body is"
                            + " already raw bytes) and the journal's per-call allocations are the next candidates.%n",
                    (ratio / 1.15 - 1) * 100));
        }
        b.append(
                "\nThe journals write three commits per deduction (intent, attempt, outcome), each a flush to disk:"
                        + " that is the embedded and PostgreSQL journals' added cost, and the price of never losing an order.\n");
        b.append("\nReproduce: `benchmarks/run bridge` (with `MIDAS_BRIDGE_PG_URL` set for the PostgreSQL row)\n");
        sections.add(b.toString());
    }

    // --- 4. the stand-in server under load --------------------------------------------------------------------

    private void serverLoad() throws IOException, InterruptedException {
        List<Map<String, String>> results = results(ServerLoad.class.getName(), List.of());
        StringBuilder b = new StringBuilder("## 4. The stand-in server under load\n\n");
        b.append("Correctly signed pay_v2 pay requests (pre-signed, each a real deduction), over loopback with"
                + " keep-alive, from 1, 8 and 64 concurrent clients (one player each) for 10 s after a warm-up; the"
                + " server in its own JVM (`simulator.jar`). Afterwards every balance is checked against the pays"
                + " answered errcode 0.\n\n| clients | requests/s | p50 | p99 | errors |\n|---|---|---|---|---|\n");
        for (Map<String, String> r : results) {
            if (r.get("").equals("server_load")) {
                b.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s ms | %s ms | %s |%n",
                        r.get("clients"),
                        r.get("rps"),
                        r.get("p50_ms"),
                        r.get("p99_ms"),
                        r.get("errors")));
            }
        }
        Map<String, String> check = find(results, "server_load_check");
        b.append(String.format(
                Locale.ROOT,
                "%nLedger check: %s players mismatched, %s errors.%n",
                check.get("ledger_mismatches"),
                check.get("errors")));
        b.append("\nThe load generator shares the 2 cores with the server, so the 64-client figure is a floor.\n");
        b.append("\nReproduce: `benchmarks/run load`\n");
        sections.add(b.toString());
    }

    /** Runs {@code mainClass} from the benchmark jar in its own JVM and returns its {@code RESULT} lines as maps. */
    private List<Map<String, String>> results(String mainClass, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                root.resolve("benchmarks/target/benchmarks.jar").toString(),
                mainClass));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        List<Map<String, String>> out = new ArrayList<>();
        try (var reader =
                new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                System.out.println(line);
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.substring(7).trim().split("\\s+");
                    Map<String, String> m = new LinkedHashMap<>();
                    m.put("", parts[0]);
                    for (int i = 1; i < parts.length; i++) {
                        int eq = parts[i].indexOf('=');
                        if (eq > 0) {
                            m.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
                        }
                    }
                    out.add(m);
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IOException(mainClass + " failed with exit code " + p.exitValue());
        }
        return out;
    }

    private static Map<String, String> find(List<Map<String, String>> results, String name) {
        return results.stream()
                .filter(m -> m.get("").equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no RESULT " + name + " line"));
    }

    // --- 3. audit-orders against grep --------------------------------------------------------------------------

    private void auditOrders() throws IOException, InterruptedException {
        Path data = root.resolve("benchmarks/target/bench-data/orders-10m.txt");
        generateOrders(data, 10_000_000);
        Path jar = root.resolve("bridge-cli/target/bridge.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String regex = "^[0-9A-Za-z-][0-9A-Za-z_-]{0,62}$";
        List<String> bridge = List.of(java, "-jar", jar.toString(), "audit-orders", "--json", data.toString());
        List<String> grep = List.of("grep", "-c", "-v", "-E", regex, data.toString());
        int runs = 5;
        StringBuilder oursOut = new StringBuilder();
        StringBuilder grepOut = new StringBuilder();
        StringBuilder grepDefaultOut = new StringBuilder();
        double ours = median(runs, bridge, Map.of(), oursOut);
        double grepC = median(runs, grep, Map.of("LC_ALL", "C"), grepOut);
        double grepDefault = median(1, grep, Map.of(), grepDefaultOut);
        String expected = "\"invalid_pay_v2\":" + grepOut + "}";
        if (!oursOut.toString().endsWith(expected) || !grepOut.toString().equals(grepDefaultOut.toString())) {
            throw new IllegalStateException(
                    "audit-orders and grep disagree: " + oursOut + " vs " + grepOut + " / " + grepDefaultOut);
        }
        String locale = System.getenv().getOrDefault("LC_ALL", System.getenv().getOrDefault("LANG", "unset"));
        StringBuilder b = new StringBuilder();
        b.append("## 3. `audit-orders` on 10 million order numbers, against `grep`\n\n");
        b.append(String.format(
                Locale.ROOT,
                "The whole process (JVM start included) on %,d bytes of generated order"
                        + " numbers (~22 bytes each; 90%% valid, 5%% with a leading `_`, 3%% with a space, 2%% too long), against"
                        + " `grep -c -v -E '%s'` on the same file. Median of %d runs each; both counted %s order numbers invalid for pay_v2. Target: no slower than grep.%n%n",
                Files.size(data),
                regex,
                runs,
                grepOut));
        b.append("| | seconds | grep / ours | target |\n|---|---|---|---|\n");
        b.append(String.format(Locale.ROOT, "| `bridge audit-orders --json` | %.2f | | |%n", ours));
        b.append(String.format(
                Locale.ROOT,
                "| `grep`, `LC_ALL=C` | %.2f | %.2f | %s |%n",
                grepC,
                grepC / ours,
                grepC >= ours ? "met" : "missed"));
        b.append(String.format(
                Locale.ROOT,
                "| `grep`, this machine's locale (%s; 1 run) | %.2f | %.2f | %s |%n",
                locale,
                grepDefault,
                grepDefault / ours,
                grepDefault >= ours ? "met" : "missed"));
        if (grepC < ours) {
            b.append(String.format(
                    Locale.ROOT,
                    "%nMissed against `LC_ALL=C` grep by %.0f%%: about 0.3 s of ours is JVM"
                            + " start-up, which grep does not pay.%n",
                    (ours / grepC - 1) * 100));
        }
        b.append("\nGNU grep's bounded repetition `{0,62}` is far slower in a UTF-8 locale, hence both grep rows."
                + " Ours scans bytes once, in line-aligned ranges on every core.\n");
        b.append("\nReproduce: `benchmarks/run` (it generates `benchmarks/target/bench-data/orders-10m.txt`), then"
                + " `time ./bridge audit-orders --json benchmarks/target/bench-data/orders-10m.txt` and `time LC_ALL=C"
                + " grep -c -v -E '" + regex + "' benchmarks/target/bench-data/orders-10m.txt`\n");
        sections.add(b.toString());
    }

    /** Writes {@code count} order numbers, deterministically, unless the file is already there. */
    static void generateOrders(Path file, int count) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Random random = new Random(7);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < count; i++) {
                double r = random.nextDouble();
                if (r < 0.90) {
                    w.write("ord-" + String.format("%09d", i) + "-"
                            + String.valueOf(alphabet.charAt(random.nextInt(alphabet.length())))
                                    .repeat(6));
                } else if (r < 0.95) {
                    w.write("_legacy_" + String.format("%012d", i));
                } else if (r < 0.98) {
                    w.write("bad order " + String.format("%010d", i));
                } else {
                    w.write("x".repeat(64));
                }
                w.write('\n');
            }
        }
    }

    /**
     * The median wall time of {@code runs} runs of {@code command}. Its output goes to a file, never /dev/null: GNU grep
     * stops at the first match when its output is /dev/null. Returns the time; {@code lastOutput} gets the last output.
     */
    private static double median(int runs, List<String> command, Map<String, String> env, StringBuilder lastOutput)
            throws IOException, InterruptedException {
        double[] t = new double[runs];
        Path out = Files.createTempFile("bench-out", ".txt");
        try {
            for (int i = 0; i < runs; i++) {
                ProcessBuilder pb = new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                pb.environment().putAll(env);
                long start = System.nanoTime();
                Process p = pb.start();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IOException("timed out: " + command);
                }
                t[i] = (System.nanoTime() - start) / 1e9;
            }
            lastOutput.setLength(0);
            lastOutput.append(Files.readString(out).trim());
        } finally {
            Files.deleteIfExists(out);
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    // --- JMH and the document ----------------------------------------------------------------------------------

    private static Map<String, Double> jmh(String include) throws RunnerException {
        Options opts = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            scores.put(
                    name.substring(name.lastIndexOf('.') + 1),
                    r.getPrimaryResult().getScore());
        }
        return scores;
    }

    private static String row(String what, double ours, double ceiling, double ratio, boolean met) {
        return String.format(
                Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %s |%n", what, ours, ceiling, ratio, met ? "met" : "missed");
    }

    private void write() throws IOException {
        StringBuilder doc = new StringBuilder("# Benchmarks\n\n");
        doc.append("Written by `benchmarks/run` on ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(". Machine: ")
                .append(machine())
                .append(". JDK: ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.runtime.version"))
                .append(".\n\n");
        doc.append("Every figure is a ratio of two things measured side by side in the same run on the same machine;"
                + " absolute numbers move with the machine, the ratios much less. JMH figures are throughput with their"
                + " 99.9% error in the raw JMH output. No timing is asserted in a unit test.\n\n");
        sections.forEach(s -> doc.append(s).append('\n'));
        Path out = root.resolve("docs/BENCHMARKS.md");
        GatewayBenchmark.existing(out).ifPresent(g -> doc.append('\n').append(g)); // written by `run gateway`
        Files.createDirectories(out.getParent());
        Files.writeString(out, doc.toString(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse(cpu);
        } catch (IOException ignored) {
            // not Linux
        }
        long mem = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize()
                >> 30;
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + mem + " GiB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
