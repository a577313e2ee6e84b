package dev.midasbridge.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.order.OrderNoRules;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class OrderAuditProperties {
    @Provide
    Arbitrary<List<String>> orderLists() {
        Arbitrary<String> likely =
                Arbitraries.strings().withChars("abcXYZ019_-").ofMinLength(0).ofMaxLength(70);
        Arbitrary<String> anything =
                Arbitraries.strings().ofMaxLength(70).filter(s -> s.indexOf('\n') < 0 && s.indexOf('\r') < 0);
        return Arbitraries.oneOf(likely, anything).list().ofMaxSize(40);
    }

    @Property(tries = 200)
    void aFileSplitIntoRangesGivesTheSameCountsAndOffendersAsOneStream(
            @ForAll("orderLists") List<String> orders,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 2, max = 7) int parts,
            @ForAll boolean header)
            throws IOException {
        String text = String.join("\r\n", orders) + (orders.isEmpty() || orders.size() % 2 == 0 ? "" : "\n");
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("orders", ".txt");
        try {
            java.nio.file.Files.write(file, input);
            OrderAudit audit = OrderAudit.create(Integer.MAX_VALUE, 0, header);
            OrderAudit.Result streamed = audit.run(new ByteArrayInputStream(input), done -> {});
            OrderAudit.Result split = audit.withParallelism(1, parts).run(file, done -> {});
            assertEquals(streamed, split);
            long lines = OrderAudit.create(0, 0)
                    .run(new ByteArrayInputStream(input), done -> {})
                    .total();
            assertEquals(header ? Math.max(0, lines - 1) : lines, split.total(), "a header is not counted");
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Property(tries = 300)
    void theByteScannerAgreesWithTheCoreRules(@ForAll("orderLists") List<String> orders) throws IOException {
        byte[] input = (String.join("\n", orders) + (orders.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8);
        OrderAudit.Result r = OrderAudit.create(0, 0).run(new ByteArrayInputStream(input), done -> {});
        assertEquals(orders.size(), r.total());
        assertEquals(
                orders.stream()
                        .filter(o -> !OrderNoRules.isValid(o, ApiVersion.MIDAS_V1))
                        .count(),
                r.invalidMidasV1());
        assertEquals(
                orders.stream()
                        .filter(o -> !OrderNoRules.isValid(o, ApiVersion.PAY_V2))
                        .count(),
                r.invalidPayV2());
    }
}
