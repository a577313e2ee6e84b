package dev.midasbridge.core.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderNoTest {
    @Test
    void leadingUnderscoreIsFineForMidasV1AndRejectedByPayV2WithTheRuleAndVersionNamed() {
        assertTrue(OrderNoRules.check("_a1", ApiVersion.MIDAS_V1).isEmpty());
        List<OrderNoViolation> v2 = OrderNoRules.check("_a1", ApiVersion.PAY_V2);
        assertEquals(1, v2.size());
        assertEquals(
                "bill_no \"_a1\" is not valid for pay_v2: it must not begin with '_'",
                v2.get(0).message());
    }

    @Test
    void everyBrokenRuleIsReported() {
        String value = "_" + "x".repeat(63) + " ";
        List<OrderNoViolation> v = OrderNoRules.check(value, ApiVersion.PAY_V2);
        assertEquals(
                List.of(OrderNoRule.MAX_LENGTH, OrderNoRule.ALPHABET, OrderNoRule.NO_LEADING_UNDERSCORE),
                v.stream().map(OrderNoViolation::rule).toList());
        assertTrue(v.get(0).message().contains("(it has 65)"), v.get(0).message());
        assertTrue(v.get(1).message().contains("a space at index 64"), v.get(1).message());
    }

    @Test
    void emptyIsRejectedByBoth() {
        for (ApiVersion version : ApiVersion.values()) {
            assertEquals(
                    OrderNoRule.NOT_EMPTY,
                    OrderNoRules.check("", version).get(0).rule());
            assertFalse(OrderNoRules.isValid("", version));
        }
    }

    @Test
    void nonAsciiLettersAreOutsideTheAlphabet() {
        OrderNoViolation v = OrderNoRules.check("订单1", ApiVersion.MIDAS_V1).get(0);
        assertEquals(OrderNoRule.ALPHABET, v.rule());
        assertTrue(v.message().contains("'订' at index 0"), v.message());
    }

    @Test
    void factoryRejectsWithAnInvalidInputExceptionNamingFieldRuleAndVersion() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> OrderNo.forVersion("pay_bill_no", "_legacy_42", ApiVersion.PAY_V2));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertEquals("pay_bill_no \"_legacy_42\" is not valid for pay_v2: it must not begin with '_'", e.getMessage());
        assertEquals("pay_bill_no", e.field().orElseThrow());
        assertTrue(e.mustFixInput());
    }

    @Test
    void aV1OrderNumberCanBeCheckedAgainstPayV2Later() {
        OrderNo legacy = OrderNo.of("_legacy_42");
        assertFalse(legacy.isValidFor(ApiVersion.PAY_V2));
        assertThrows(InvalidInputException.class, () -> legacy.requireValidFor(ApiVersion.PAY_V2));
        assertEquals(OrderNo.of("A-Z_a-z-0-9"), OrderNo.forVersion("A-Z_a-z-0-9", ApiVersion.PAY_V2));
    }

    @Test
    void controlCharactersAreEscapedInMessages() {
        String msg = OrderNoRules.check("a\nb", ApiVersion.MIDAS_V1).get(0).message();
        assertTrue(msg.startsWith("bill_no \"a\\u000ab\""), msg);
    }
}
