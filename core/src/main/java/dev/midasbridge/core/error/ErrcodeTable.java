package dev.midasbridge.core.error;

import dev.midasbridge.core.ApiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One API version's errcodes and what each means, built from entries (errcode, kind, meaning). The same number
 * means different things in the two versions (90010, 90016), so every adapter fills its own table; never map by
 * number alone.
 *
 * <p>Every table knows, without being told:
 * <ul>
 *   <li>0 is success (never classified);</li>
 *   <li>40001, 40014 and 42001 ({@link dev.midasbridge.core.credentials.AccessTokenProvider#INVALID_TOKEN_ERRCODES})
 *       mean the access token was refused: {@link ErrorKind#ACCESS_TOKEN_INVALID};</li>
 *   <li>-1 is "system busy" ({@link ErrorKind#SYSTEM_BUSY}, outcome unknown) <em>unless</em> its errmsg carries a
 *       midas error triple listed in {@link #MINUS_ONE_TRIPLES} (the data file
 *       {@code dev/midasbridge/core/error/minus-one-triples.properties}), e.g. {@code 1021-1021-0}
 *       ({@link ErrorKind#CONFIGURATION_FAULT}) or {@code 1001-0-0} ({@link ErrorKind#INVALID_PARAMETER}): those are
 *       definite failures, nothing applied;</li>
 *   <li>any other code is {@link ErrorKind#UNKNOWN_ERRCODE} (outcome unknown, so retrying is the safe course).</li>
 * </ul>
 */
public final class ErrcodeTable {
    /** The -1 errcode: system busy, unless a known triple says otherwise. */
    public static final int SYSTEM_BUSY = -1;

    private static final Pattern TRIPLE = Pattern.compile("(?<![0-9-])(\\d+-\\d+-\\d+)(?![0-9-])");

    /** The known -1 errmsg triples (triple to kind and meaning), read once from the data file. */
    public static final Map<String, Entry> MINUS_ONE_TRIPLES = loadTriples();

    private final ApiVersion version;
    private final Map<Integer, Entry> entries;

    private ErrcodeTable(ApiVersion version, Map<Integer, Entry> entries) {
        this.version = version;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** What one errcode (or -1 triple) means: its kind and, in words, its meaning in that version. */
    public record Entry(ErrorKind kind, String meaning) {
        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(meaning, "meaning");
        }
    }

    /** A table for {@code version}, starting with -1 (system busy); add the version's codes with {@link Builder#code}. */
    public static Builder builder(ApiVersion version) {
        return new Builder(Objects.requireNonNull(version, "version"));
    }

    /** The version whose codes these are. */
    public ApiVersion version() {
        return version;
    }

    /** The kind for an errcode answer; {@code errmsg} matters for -1 (known triples). Never called with 0. */
    public ErrorKind kindOf(long errcode, String errmsg) {
        if (errcode == SYSTEM_BUSY) {
            return minusOneTriple(errmsg).map(Entry::kind).orElse(ErrorKind.SYSTEM_BUSY);
        }
        if (errcode == (int) errcode) {
            int code = (int) errcode;
            Entry e = entries.get(code);
            if (e != null) {
                return e.kind();
            }
            if (dev.midasbridge.core.credentials.AccessTokenProvider.INVALID_TOKEN_ERRCODES.contains(code)) {
                return ErrorKind.ACCESS_TOKEN_INVALID;
            }
        }
        return ErrorKind.UNKNOWN_ERRCODE;
    }

    /** The typed exception for an errcode answer (errcode not 0); {@code errmsg} must hold no secret. */
    public PaymentException exception(long errcode, String errmsg) {
        if (errcode != (int) errcode) {
            return PaymentException.of(
                    ErrorKind.UNKNOWN_ERRCODE,
                    version,
                    null,
                    errmsg,
                    "errcode " + errcode + " is outside every documented range",
                    null);
        }
        return PaymentException.fromErrcode(this, (int) errcode, errmsg);
    }

    /** The known triple a -1 errmsg carries, if any (the first triple in the errmsg decides). */
    public static Optional<Entry> minusOneTriple(String errmsg) {
        if (errmsg == null) {
            return Optional.empty();
        }
        Matcher m = TRIPLE.matcher(errmsg);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.ofNullable(MINUS_ONE_TRIPLES.get(m.group(1)));
    }

    /** Every documented non-zero errcode with its meaning in this version, for documentation and tests. */
    public Map<Integer, String> documented() {
        Map<Integer, String> m = new LinkedHashMap<>();
        entries.forEach((code, e) -> m.put(code, e.meaning()));
        return Collections.unmodifiableMap(m);
    }

    /** Every entry of this table (-1 first), in the order they were added. */
    public Map<Integer, Entry> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return "ErrcodeTable[" + version.label() + ", " + entries.keySet() + "]";
    }

    private static Map<String, Entry> loadTriples() {
        String name = "minus-one-triples.properties";
        Properties p = new Properties();
        try (InputStream in = ErrcodeTable.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/midasbridge/core/error/" + name);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Entry> out = new TreeMap<>();
        for (String triple : p.stringPropertyNames()) {
            if (!TRIPLE.matcher(triple).matches()) {
                throw new IllegalStateException(name + ": \"" + triple + "\" is not a triple like 1021-1021-0");
            }
            String[] kindAndMeaning = p.getProperty(triple).strip().split("\\s+", 2);
            ErrorKind kind = ErrorKind.valueOf(kindAndMeaning[0]);
            if (kind.outcomeUnknown()) {
                throw new IllegalStateException(name + ": " + triple + " must name a definite kind, not " + kind);
            }
            out.put(triple, new Entry(kind, kindAndMeaning.length > 1 ? kindAndMeaning[1] : kind.advice()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Collects the entries of one version's table. */
    public static final class Builder {
        private final ApiVersion version;
        private final Map<Integer, Entry> entries = new LinkedHashMap<>();

        private Builder(ApiVersion version) {
            this.version = version;
            entries.put(
                    SYSTEM_BUSY,
                    new Entry(
                            ErrorKind.SYSTEM_BUSY,
                            "system busy: outcome unknown, retry with the same bill_no (unless the errmsg names a known triple)"));
        }

        /** {@code errcode} means {@code kind}; {@code meaning} says so in words. */
        public Builder code(int errcode, ErrorKind kind, String meaning) {
            if (errcode == 0 || errcode == SYSTEM_BUSY) {
                throw new IllegalArgumentException("errcode " + errcode + " is built in");
            }
            if (entries.putIfAbsent(errcode, new Entry(kind, meaning)) != null) {
                throw new IllegalArgumentException(
                        "errcode " + errcode + " is already in the " + version.label() + " table");
            }
            return this;
        }

        public ErrcodeTable build() {
            return new ErrcodeTable(version, entries);
        }
    }
}
