package dev.midasbridge.cli.audit;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.order.OrderNoRules;
import dev.midasbridge.core.order.OrderNoViolation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Counts the order numbers of a stream, one per line (or one CSV column), that midas 1.0 and pay_v2 would reject,
 * keeping the first offenders with their reasons. Lines are scanned as bytes: any byte outside {@code 0-9 A-Z a-z _ -}
 * (including every non-ASCII byte) breaks the alphabet rule of both versions, so no decoding is needed on the fast
 * path. A trailing {@code \r} (CRLF files) is not part of the value.
 */
public final class OrderAudit {
    private static final boolean[] ALLOWED = new boolean[256];

    static {
        for (int c = 0; c < 128; c++) {
            ALLOWED[c] = OrderNoRules.isAllowedChar(c);
        }
    }

    /** One rejected order number: its line (from 1), the value, and every reason. */
    public record Offender(long line, String value, List<String> reasons) {
    }

    /** The counts and the kept offenders. */
    public record Result(long total, long invalidMidasV1, long invalidPayV2, List<Offender> offenders) {
    }

    private final int keep;
    private final int column;

    private OrderAudit(int keep, int column) {
        this.keep = keep;
        this.column = column;
    }

    /**
     * An audit keeping at most {@code keep} offenders ({@code Integer.MAX_VALUE}: all), reading whole lines
     * ({@code column} 0) or the {@code column}-th comma-separated field (from 1; RFC 4180 quotes understood).
     */
    public static OrderAudit create(int keep, int column) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep " + keep + ": must not be negative");
        }
        if (column < 0) {
            throw new IllegalArgumentException("--column " + column + ": columns count from 1");
        }
        return new OrderAudit(keep, column);
    }

    /** Audits {@code in} to its end; {@code progress} hears the bytes read so far, about every 4 MiB. */
    public Result run(InputStream in, LongConsumer progress) throws IOException {
        Scan scan = new Scan();
        byte[] buf = new byte[1 << 20];
        byte[] carry = new byte[256];
        int carryLen = 0;
        long read = 0;
        long lastReport = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            read += n;
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    if (carryLen > 0) {
                        carry = append(carry, carryLen, buf, start, i - start);
                        scan.line(carry, 0, carryLen + (i - start));
                        carryLen = 0;
                    } else {
                        scan.line(buf, start, i - start);
                    }
                    start = i + 1;
                }
            }
            if (start < n) {
                carry = append(carry, carryLen, buf, start, n - start);
                carryLen += n - start;
            }
            if (read - lastReport >= (4 << 20)) {
                progress.accept(read);
                lastReport = read;
            }
        }
        if (carryLen > 0) {
            scan.line(carry, 0, carryLen);
        }
        progress.accept(read);
        return new Result(scan.total, scan.badV1, scan.badV2, List.copyOf(scan.offenders));
    }

    private static byte[] append(byte[] carry, int carryLen, byte[] src, int from, int len) {
        if (carryLen + len > carry.length) {
            carry = java.util.Arrays.copyOf(carry, Math.max(carry.length * 2, carryLen + len));
        }
        System.arraycopy(src, from, carry, carryLen, len);
        return carry;
    }

    private final class Scan {
        long total;
        long badV1;
        long badV2;
        final List<Offender> offenders = new ArrayList<>();

        void line(byte[] b, int from, int length) {
            int len = length > 0 && b[from + length - 1] == '\r' ? length - 1 : length;
            total++;
            if (column > 0) {
                String value = csvField(new String(b, from, len, StandardCharsets.UTF_8), column);
                judge(value);
                return;
            }
            boolean v1 = len > 0 && len <= OrderNoRules.MAX_LENGTH;
            for (int i = 0; v1 && i < len; i++) {
                v1 = ALLOWED[b[from + i] & 0xff];
            }
            boolean v2 = v1 && b[from] != '_';
            if (!v2) {
                count(v1, v2, () -> new String(b, from, len, StandardCharsets.UTF_8));
            }
        }

        private void judge(String value) {
            boolean v1 = OrderNoRules.isValid(value, ApiVersion.MIDAS_V1);
            boolean v2 = OrderNoRules.isValid(value, ApiVersion.PAY_V2);
            if (!v2) {
                count(v1, v2, () -> value);
            }
        }

        private void count(boolean v1, boolean v2, java.util.function.Supplier<String> value) {
            if (!v1) {
                badV1++;
            }
            if (!v2) {
                badV2++;
            }
            if (offenders.size() < keep) {
                String s = value.get();
                List<String> reasons = new ArrayList<>();
                List<OrderNoViolation> v2Violations = OrderNoRules.check(s, ApiVersion.PAY_V2);
                if (!v1) {
                    OrderNoRules.check(s, ApiVersion.MIDAS_V1).forEach(v -> reasons.add(v.message()));
                }
                v2Violations.stream().filter(v -> v1 || v.rule() == dev.midasbridge.core.order.OrderNoRule
                        .NO_LEADING_UNDERSCORE).forEach(v -> reasons.add(v.message()));
                offenders.add(new Offender(total, s, reasons));
            }
        }
    }

    /** The {@code column}-th field (from 1) of a CSV line; a missing field is the empty string. */
    static String csvField(String line, int column) {
        int field = 1;
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                if (field == column) {
                    return cur.toString();
                }
                field++;
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        return field == column ? cur.toString() : "";
    }
}
