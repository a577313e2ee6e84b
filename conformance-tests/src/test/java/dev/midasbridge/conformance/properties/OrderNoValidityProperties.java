package dev.midasbridge.conformance.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.order.OrderNo;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;

/**
 * An {@link OrderNo} knows, from when it is made, for which versions it is valid: one property per rule of API.md 3
 * (not empty; at most 63 characters; only {@code 0-9 A-Z a-z _ -}; pay_v2: no leading {@code _}), each checking that
 * the rule decides the validity set and that a broken rule is a typed error naming the field, the rule and the
 * version. The alphabet is written out here rather than taken from the code under test.
 */
class OrderNoValidityProperties {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";
    private static final Set<ApiVersion> BOTH = EnumSet.allOf(ApiVersion.class);

    @Property(tries = 50)
    void notEmpty(@ForAll ApiVersion version) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> OrderNo.forVersion("pay_bill_no", "", version));
        assertNames(e, "pay_bill_no", "it must not be empty", version);
    }

    @Property(tries = 200)
    void atMost63Characters(@ForAll("upTo200") String value, @ForAll ApiVersion version) {
        if (value.length() <= 63) {
            assertEquals(BOTH, OrderNo.of(value).validVersions(), value);
            assertTrue(OrderNo.of(value).requireValidFor(version).isValidFor(version));
        } else {
            InvalidInputException e =
                    assertThrows(InvalidInputException.class, () -> OrderNo.forVersion("bill_no", value, version));
            assertNames(e, "bill_no", "at most 63 characters", version);
        }
    }

    @Property(tries = 200)
    void onlyTheAlphabet(@ForAll("withAForeignCharacter") String value, @ForAll ApiVersion version) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> OrderNo.forVersion("bill_no", value, version));
        assertNames(e, "bill_no", "may only contain 0-9, A-Z, a-z, '_' and '-'", version);
    }

    @Property(tries = 200)
    void noLeadingUnderscoreForPayV2Only(@ForAll("upTo62") String rest) {
        OrderNo order = OrderNo.of("_" + rest);
        assertEquals(EnumSet.of(ApiVersion.MIDAS_V1), order.validVersions(), order.value());
        assertTrue(order.isValidFor(ApiVersion.MIDAS_V1));
        assertFalse(order.isValidFor(ApiVersion.PAY_V2));
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> order.requireValidFor("pay_bill_no", ApiVersion.PAY_V2));
        assertNames(e, "pay_bill_no", "must not begin with '_'", ApiVersion.PAY_V2);
    }

    private static void assertNames(InvalidInputException e, String field, String rule, ApiVersion version) {
        assertEquals(field, e.field().orElseThrow(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
        assertTrue(e.getMessage().contains(rule), e.getMessage());
        assertTrue(e.getMessage().contains("not valid for " + version.label()), e.getMessage());
    }

    @Provide
    Arbitrary<String> upTo200() {
        return alphabet().ofMinLength(1).ofMaxLength(200).filter(s -> !s.startsWith("_"));
    }

    @Provide
    Arbitrary<String> upTo62() {
        return alphabet().ofMaxLength(62);
    }

    /** Up to 63 characters of the alphabet with one character outside it put in somewhere. */
    @Provide
    Arbitrary<String> withAForeignCharacter() {
        Arbitrary<Character> foreign = Arbitraries.chars().all().filter(c -> ALPHABET.indexOf(c) < 0);
        return Combinators.combine(
                        alphabet().ofMaxLength(62).filter(s -> !s.startsWith("_")),
                        foreign,
                        Arbitraries.integers().between(1, 62))
                .as((s, c, at) -> s.substring(0, Math.min(at, s.length())) + c + s.substring(Math.min(at, s.length())));
    }

    private static StringArbitrary alphabet() {
        return Arbitraries.strings().withChars(ALPHABET);
    }
}
