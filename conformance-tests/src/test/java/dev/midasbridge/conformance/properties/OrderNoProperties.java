package dev.midasbridge.conformance.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.order.OrderNoRules;
import dev.midasbridge.core.order.OrderNoViolation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.StringArbitrary;

/**
 * The order-number rules of API.md 3 over arbitrary strings (any script, white space, control characters): v1 takes
 * 1 to 63 of {@code 0-9 A-Z a-z _ -}; v2 the same but no leading {@code _}.
 */
class OrderNoProperties {
    /** The alphabet of API.md 3, written out here rather than taken from the code under test. */
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";

    @Property(tries = 500)
    void validForPayV2ImpliesValidForMidasV1(@ForAll("anyOrderNos") String value) {
        if (OrderNoRules.isValid(value, ApiVersion.PAY_V2)) {
            assertTrue(OrderNoRules.isValid(value, ApiVersion.MIDAS_V1), value);
        }
    }

    @Property(tries = 500)
    void validForPayV2IffValidForMidasV1AndNoLeadingUnderscore(@ForAll("anyOrderNos") String value) {
        assertEquals(
                OrderNoRules.isValid(value, ApiVersion.MIDAS_V1) && !value.startsWith("_"),
                OrderNoRules.isValid(value, ApiVersion.PAY_V2),
                value);
    }

    @Property(tries = 300)
    void longerThan63IsInvalidForBoth(@ForAll("tooLong") String value) {
        assertFalse(OrderNoRules.isValid(value, ApiVersion.MIDAS_V1), value);
        assertFalse(OrderNoRules.isValid(value, ApiVersion.PAY_V2), value);
    }

    @Property(tries = 300)
    void aCharacterOutsideTheAlphabetIsInvalidForBoth(@ForAll("withAForeignCharacter") String value) {
        assertFalse(OrderNoRules.isValid(value, ApiVersion.MIDAS_V1), value);
        assertFalse(OrderNoRules.isValid(value, ApiVersion.PAY_V2), value);
    }

    @Property(tries = 500)
    void checkFindsNoViolationIffIsValid(@ForAll("anyOrderNos") String value, @ForAll ApiVersion version) {
        assertEquals(
                OrderNoRules.isValid(value, version),
                OrderNoRules.check(value, version).isEmpty(),
                value);
    }

    @Property(tries = 500)
    void everyViolationMessageNamesTheValueAndTheVersion(
            @ForAll("anyOrderNos") String value, @ForAll ApiVersion version) {
        for (OrderNoViolation v : OrderNoRules.check(value, version)) {
            assertTrue(v.message().contains(quoted(value)), v.message());
            assertTrue(v.message().contains(version.label()), v.message());
        }
    }

    /** The value as messages show it: in double quotes, with quotes, backslashes and control characters escaped. */
    private static String quoted(String value) {
        StringBuilder sb = new StringBuilder("\"");
        value.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append('"').toString();
    }

    /** Mostly near-valid order numbers, with leading '_', white space, non-ASCII and arbitrary text mixed in. */
    @Provide
    Arbitrary<String> anyOrderNos() {
        Arbitrary<String> nearValid = alphabet().ofMinLength(0).ofMaxLength(70);
        Arbitrary<String> leadingUnderscore = alphabet().ofMaxLength(66).map(s -> "_" + s);
        Arbitrary<String> withWhitespace =
                Arbitraries.strings().withChars(ALPHABET).whitespace().ofMaxLength(20);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(70);
        Arbitrary<String> nonAscii = Arbitraries.strings()
                .withChars(ALPHABET)
                .withCharRange('\u00a0', '\u4e2d')
                .ofMaxLength(20);
        return Arbitraries.frequencyOf(
                Tuple.of(4, nearValid),
                Tuple.of(2, leadingUnderscore),
                Tuple.of(1, withWhitespace),
                Tuple.of(1, anything),
                Tuple.of(1, nonAscii));
    }

    @Provide
    Arbitrary<String> tooLong() {
        return Arbitraries.oneOf(
                alphabet().ofMinLength(64).ofMaxLength(200),
                Arbitraries.strings().all().ofMinLength(64).ofMaxLength(200));
    }

    /** An otherwise valid order number with one character outside the alphabet put in somewhere. */
    @Provide
    Arbitrary<String> withAForeignCharacter() {
        Arbitrary<Character> foreign = Arbitraries.chars().all().filter(c -> ALPHABET.indexOf(c) < 0);
        return Combinators.combine(
                        alphabet().ofMaxLength(62),
                        foreign,
                        Arbitraries.integers().between(0, 62))
                .as((s, c, at) -> s.substring(0, Math.min(at, s.length())) + c + s.substring(Math.min(at, s.length())));
    }

    private static StringArbitrary alphabet() {
        return Arbitraries.strings().withChars(ALPHABET);
    }
}
