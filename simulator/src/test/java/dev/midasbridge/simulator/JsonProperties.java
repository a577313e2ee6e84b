package dev.midasbridge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The re-serializer used by the diagnosis writes valid JSON that reads back to the same values, in every style. */
class JsonProperties {

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings()
                .all()
                .ofMaxLength(30)
                .filter(s -> s.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE));
    }

    @Provide
    Arbitrary<JsonTree.Style> styles() {
        return Arbitraries.of(true, false)
                .flatMap(sort -> Arbitraries.of(",", ", ")
                        .flatMap(comma -> Arbitraries.of(":", ": ")
                                .flatMap(colon -> Arbitraries.of(true, false)
                                        .flatMap(ascii -> Arbitraries.of(true, false)
                                                .map(slash -> new JsonTree.Style(sort, comma, colon, ascii, slash))))));
    }

    @Property(tries = 200)
    void writingThenParsingGivesBackTheSameValues(
            @ForAll("texts") String key,
            @ForAll("texts") String value,
            @ForAll long number,
            @ForAll("styles") JsonTree.Style style) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("k" + key, value);
        tree.put("n", new JsonTree.Num(Long.toString(number)));
        assertEquals(tree, JsonTree.parse(JsonTree.write(tree, style)));
    }
}
