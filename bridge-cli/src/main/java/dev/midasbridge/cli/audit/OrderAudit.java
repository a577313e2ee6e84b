package dev.midasbridge.cli.audit;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.order.OrderNoRule;
import dev.midasbridge.core.order.OrderNoRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Counts the order numbers of a stream, one per line (or one CSV column), that midas 1.0 and pay_v2 would reject,
 * keeping the first offenders with their reasons. Lines are scanned as bytes in one pass: any byte outside
 * {@code 0-9 A-Z a-z _ -} (including every non-ASCII byte) breaks the alphabet rule of both versions, so no decoding
 * is needed. A trailing {@code \r} (CRLF files) is not part of the value. A large file is scanned by several threads,
 * each over a range of whole lines.
 */
public final class OrderAudit {
    /** 1 for every byte that may not appear in an order number (of either version); '\r' included. */
    private static final int[] DISALLOWED = new int[256];

    private static final int BUFFER = 1 << 22;
    private static final long PARALLEL_ABOVE = 32L << 20;

    static {
        for (int c = 0; c < 256; c++) {
            DISALLOWED[c] = OrderNoRules.isAllowedChar(c) ? 0 : 1;
        }
    }

    /**
     * One rejected order number: its line in the input (from 1, a header line included), the value as shown to a
     * user (control characters and bytes that are not UTF-8 escaped, see {@link Escape}), and every reason.
     */
    public record Offender(long line, String value, List<String> reasons) {}

    /** The counts and the kept offenders. */
    public record Result(long total, long invalidMidasV1, long invalidPayV2, List<Offender> offenders) {}

    private final int keep;
    private final int column;
    private final boolean header;
    private final long parallelAbove;
    private final int threads;

    private OrderAudit(int keep, int column, boolean header, long parallelAbove, int threads) {
        this.keep = keep;
        this.column = column;
        this.header = header;
        this.parallelAbove = parallelAbove;
        this.threads = threads;
    }

    /** This audit, splitting files of at least {@code bytes} into {@code parts} ranges (tests force many ranges). */
    OrderAudit withParallelism(long bytes, int parts) {
        return new OrderAudit(keep, column, header, bytes, parts);
    }

    /**
     * An audit keeping at most {@code keep} offenders ({@code Integer.MAX_VALUE}: all), reading whole lines
     * ({@code column} 0) or the {@code column}-th comma-separated field (from 1; RFC 4180 quotes understood).
     */
    public static OrderAudit create(int keep, int column) {
        return create(keep, column, false);
    }

    /** As {@link #create(int, int)}; with {@code header} the first line (column names) is skipped, not audited. */
    public static OrderAudit create(int keep, int column, boolean header) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep " + keep + ": must not be negative");
        }
        if (column < 0) {
            throw new IllegalArgumentException("--column " + column + ": columns count from 1");
        }
        return new OrderAudit(
                keep,
                column,
                header,
                PARALLEL_ABOVE,
                Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Audits {@code in} to its end on this thread; {@code progress} hears the bytes read so far. */
    public Result run(InputStream in, LongConsumer progress) throws IOException {
        Scan scan = new Scan(header);
        byte[] buf = new byte[BUFFER];
        long read = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            read += n;
            scan.bytes(buf, 0, n);
            progress.accept(read);
        }
        scan.end();
        return scan.result();
    }

    /** Audits the file {@code file}, with several threads when it is large; {@code progress} hears the bytes read. */
    public Result run(Path file, LongConsumer progress) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            List<long[]> ranges = ranges(channel, size, size < parallelAbove ? 1 : threads);
            AtomicLong done = new AtomicLong();
            if (ranges.size() == 1) {
                return scanRange(channel, 0, size, true, done, progress).result();
            }
            ExecutorService pool = Executors.newFixedThreadPool(ranges.size());
            try {
                List<Future<Scan>> parts = new ArrayList<>();
                for (long[] r : ranges) {
                    parts.add(pool.submit(() -> scanRange(channel, r[0], r[1], r[0] == 0, done, progress)));
                }
                List<Scan> scans = new ArrayList<>();
                for (Future<Scan> f : parts) {
                    scans.add(f.get());
                }
                return merge(scans);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Splits [0, size) into ranges that each start at the beginning of a line. */
    private static List<long[]> ranges(FileChannel channel, long size, int parts) throws IOException {
        List<long[]> out = new ArrayList<>();
        long start = 0;
        ByteBuffer probe = ByteBuffer.allocate(4096);
        for (int i = 1; i < parts && start < size; i++) {
            long pos = Math.max(start, size * i / parts);
            long cut = -1;
            while (cut < 0 && pos < size) {
                probe.clear();
                int n = channel.read(probe, pos);
                if (n <= 0) {
                    break;
                }
                for (int k = 0; k < n; k++) {
                    if (probe.get(k) == '\n') {
                        cut = pos + k + 1;
                        break;
                    }
                }
                pos += n;
            }
            if (cut < 0 || cut >= size) {
                break;
            }
            out.add(new long[] {start, cut});
            start = cut;
        }
        out.add(new long[] {start, size});
        return out;
    }

    private Scan scanRange(
            FileChannel channel, long from, long to, boolean first, AtomicLong done, LongConsumer progress)
            throws IOException {
        Scan scan = new Scan(header && first);
        byte[] buf = new byte[BUFFER];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long pos = from;
        while (pos < to) {
            bb.clear();
            bb.limit((int) Math.min(buf.length, to - pos));
            int n = channel.read(bb, pos);
            if (n <= 0) {
                break;
            }
            pos += n;
            scan.bytes(buf, 0, n);
            long total = done.addAndGet(n);
            synchronized (progress) {
                progress.accept(total);
            }
        }
        scan.end();
        return scan;
    }

    private Result merge(List<Scan> scans) {
        long lines = 0;
        long total = 0;
        long v1 = 0;
        long v2 = 0;
        List<Kept> offenders = new ArrayList<>();
        for (Scan s : scans) {
            long offset = lines;
            for (Kept o : s.offenders) {
                offenders.add(new Kept(o.line() + offset, o.value(), o.fields()));
            }
            lines += s.skipped + s.total;
            total += s.total;
            v1 += s.badV1;
            v2 += s.badV2;
        }
        offenders.sort(Comparator.comparingLong(Kept::line));
        return new Result(
                total,
                v1,
                v2,
                offenders.subList(0, Math.min(keep, offenders.size())).stream()
                        .map(this::offender)
                        .toList());
    }

    /**
     * An offender as found: its line, its bytes, and (a row without the column) how many fields the row has, else
     * -1. Only the offenders that are reported are turned into text ({@link #offender}).
     */
    private record Kept(long line, byte[] value, int fields) {}

    private Offender offender(Kept k) {
        byte[] b = k.value();
        return new Offender(
                k.line(),
                Escape.bytes(b, 0, b.length),
                k.fields() >= 0
                        ? List.of("the row has no column " + column + " (it has " + k.fields() + ")")
                        : reasons(b, 0, b.length));
    }

    /**
     * The scanning state of one range: counts, offenders (lines numbered within the range), a partial line, and
     * whether the range's first line is a header still to skip.
     */
    private final class Scan {
        long total;
        long badV1;
        long badV2;
        /** Lines skipped (the header): 0 or 1. */
        long skipped;

        final List<Kept> offenders = new ArrayList<>();
        private boolean skipping;
        private byte[] carry = new byte[256];
        private int carryLen;

        Scan(boolean skipHeader) {
            this.skipping = skipHeader;
        }

        /** Scans {@code n} bytes: whole lines at once, the last partial line kept for the next call. */
        void bytes(byte[] b, int from, int n) {
            int end = from + n;
            if (skipping) {
                int nl = from;
                while (nl < end && b[nl] != '\n') {
                    nl++;
                }
                if (nl == end) {
                    return;
                }
                skipping = false;
                skipped = 1;
                from = nl + 1;
            }
            int lineStart = from;
            int bad = 0;
            if (column > 0) {
                for (int i = from; i < end; i++) {
                    if (b[i] == '\n') {
                        lineWithCarry(b, lineStart, i);
                        lineStart = i + 1;
                    }
                }
            } else {
                for (int i = from; i < end; i++) {
                    int c = b[i] & 0xff;
                    if (c == '\n') {
                        if (carryLen > 0) {
                            lineWithCarry(b, lineStart, i);
                        } else {
                            line(b, lineStart, i - lineStart, bad);
                        }
                        lineStart = i + 1;
                        bad = 0;
                    } else {
                        bad += DISALLOWED[c];
                    }
                }
            }
            if (lineStart < end) {
                append(b, lineStart, end - lineStart);
            }
        }

        void end() {
            if (skipping) {
                skipping = false;
                skipped = 1;
                carryLen = 0;
            }
            if (carryLen > 0) {
                byte[] rest = Arrays.copyOf(carry, carryLen);
                carryLen = 0;
                judgeBytes(rest, 0, rest.length);
            }
        }

        Result result() {
            return new Result(
                    total,
                    badV1,
                    badV2,
                    offenders.stream().map(OrderAudit.this::offender).toList());
        }

        private void lineWithCarry(byte[] b, int from, int to) {
            append(b, from, to - from);
            byte[] line = Arrays.copyOf(carry, carryLen);
            carryLen = 0;
            judgeBytes(line, 0, line.length);
        }

        private void append(byte[] b, int from, int len) {
            if (carryLen + len > carry.length) {
                carry = Arrays.copyOf(carry, Math.max(carry.length * 2, carryLen + len));
            }
            System.arraycopy(b, from, carry, carryLen, len);
            carryLen += len;
        }

        private void judgeBytes(byte[] b, int from, int len) {
            if (column > 0) {
                int l = len > 0 && b[from + len - 1] == '\r' ? len - 1 : len;
                byte[] value = csvField(b, from, l, column);
                if (value == null) {
                    total++;
                    badV1++;
                    badV2++;
                    if (offenders.size() < keep) {
                        offenders.add(new Kept(
                                skipped + total, Arrays.copyOfRange(b, from, from + l), csvFieldCount(b, from, l)));
                    }
                    return;
                }
                b = value;
                from = 0;
                len = value.length;
                // the value is judged whole: a trailing '\r' inside it is not an end of line
                int bad = 0;
                for (byte x : value) {
                    bad += DISALLOWED[x & 0xff];
                }
                judged(b, from, len, bad);
                return;
            }
            int bad = 0;
            for (int i = from; i < from + len; i++) {
                bad += DISALLOWED[b[i] & 0xff];
            }
            line(b, from, len, bad);
        }

        /** One whole line of {@code len} bytes with {@code bad} disallowed bytes ('\r' counted). */
        private void line(byte[] b, int from, int len, int bad) {
            if (len > 0 && b[from + len - 1] == '\r') {
                len--;
                bad--;
            }
            judged(b, from, len, bad);
        }

        /** One value of {@code len} bytes, {@code bad} of them disallowed: counted; an offender kept if wanted. */
        private void judged(byte[] b, int from, int len, int bad) {
            total++;
            if (bad == 0 && len > 0 && len <= OrderNoRules.MAX_LENGTH && b[from] != '_') {
                return;
            }
            offender(b, from, len, bad == 0 && len > 0 && len <= OrderNoRules.MAX_LENGTH);
        }

        /** Counts a value invalid for pay_v2 (and for midas 1.0 unless {@code v1}); kept while fewer than wanted. */
        private void offender(byte[] b, int from, int len, boolean v1) {
            if (!v1) {
                badV1++;
            }
            badV2++;
            if (offenders.size() < keep) {
                offenders.add(new Kept(skipped + total, Arrays.copyOfRange(b, from, from + len), -1));
            }
        }
    }

    /**
     * Every rule the value of {@code len} bytes breaks, each once, naming the versions that enforce it, e.g.
     * {@code not valid for midas_v1 and pay_v2: it may only contain 0-9, A-Z, a-z, '_' and '-' (found \x01 at 3)}.
     */
    static List<String> reasons(byte[] b, int from, int len) {
        List<String> out = new ArrayList<>(2);
        String both = "not valid for " + ApiVersion.MIDAS_V1.label() + " and " + ApiVersion.PAY_V2.label() + ": ";
        if (len == 0) {
            out.add(both + OrderNoRule.NOT_EMPTY.description());
            return out;
        }
        Escape.Summary value = Escape.summary(b, from, len);
        if (value.characters() > OrderNoRules.MAX_LENGTH) {
            out.add(both + OrderNoRule.MAX_LENGTH.description() + " (it has " + value.characters() + ")");
        }
        if (value.firstDisallowed() != null) {
            String c = value.firstDisallowed();
            out.add(both + OrderNoRule.ALPHABET.description() + " (found " + (c.equals(" ") ? "a space" : c)
                    + " at index " + value.firstDisallowedIndex() + ")");
        }
        if (b[from] == '_') {
            out.add("not valid for " + ApiVersion.PAY_V2.label() + ": "
                    + OrderNoRule.NO_LEADING_UNDERSCORE.description());
        }
        return out;
    }

    /** The {@code column}-th field (from 1) of a CSV line, unquoted (RFC 4180); {@code null} when there is none. */
    static byte[] csvField(byte[] b, int from, int len, int column) {
        int field = 1;
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        boolean quoted = false;
        int end = from + len;
        for (int i = from; i < end; i++) {
            byte c = b[i];
            if (quoted) {
                if (c == '"' && i + 1 < end && b[i + 1] == '"') {
                    cur.write('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.write(c);
                }
            } else if (c == '"' && cur.size() == 0) {
                quoted = true;
            } else if (c == ',') {
                if (field == column) {
                    return cur.toByteArray();
                }
                field++;
                cur.reset();
            } else {
                cur.write(c);
            }
        }
        return field == column ? cur.toByteArray() : null;
    }

    /** How many fields a CSV line has. */
    static int csvFieldCount(byte[] b, int from, int len) {
        int n = 1;
        while (csvField(b, from, len, n + 1) != null) {
            n++;
        }
        return n;
    }
}
