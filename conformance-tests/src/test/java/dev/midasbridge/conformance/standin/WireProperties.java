package dev.midasbridge.conformance.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.order.OrderNoRules;
import dev.midasbridge.simulator.Wire;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The stand-in's own order-number rules against core's {@code OrderNoRules}: two implementations written
 * independently from API.md section 3, compared over real HTTP on any string.
 */
class WireProperties {
    private static Wire wire;
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Set<String> USED = Collections.synchronizedSet(new HashSet<>());

    @BeforeContainer
    static void start() {
        wire = Wire.start();
        wire.admin().seedBalance(Wire.ALICE, "1", Long.MAX_VALUE / 4, 0);
        // midas 1.0 pays as Bob: one account is shared by both versions, so the same bill_no would collide.
        wire.admin().seedBalance(Wire.BOB, "1", Long.MAX_VALUE / 4, 0);
    }

    @AfterContainer
    static void stop() {
        wire.close();
    }

    @Provide
    Arbitrary<String> billNos() {
        Arbitrary<Character> chars = Arbitraries.of('a', 'Z', '0', '9', '_', '-', ' ', '.', '/', 'é');
        Arbitrary<Character> allowed = Arbitraries.of('a', 'Z', '0', '9', '_', '-');
        // Mixed characters find alphabet mistakes; allowed characters only, around the 63-character limit, find
        // length and leading-underscore mistakes.
        return Arbitraries.oneOf(
                chars.list().ofMinSize(0).ofMaxSize(70).map(WireProperties::join),
                allowed.list().ofMinSize(58).ofMaxSize(68).map(WireProperties::join));
    }

    private static String join(List<Character> chars) {
        StringBuilder sb = new StringBuilder();
        chars.forEach(sb::append);
        return sb.toString();
    }

    @Property(tries = 150)
    void payV2AcceptsABillNoExactlyWhenTheOrderNoRulesDo(@ForAll("billNos") String billNo) {
        Assume.that(USED.add(billNo));
        Map<String, Object> a = wire.v2("pay", Wire.ALICE, 0, Wire.extra("amount", 1, "bill_no", billNo));
        if (OrderNoRules.isValid(billNo, ApiVersion.PAY_V2)) {
            assertEquals(0, Wire.errcode(a), String.valueOf(a));
        } else {
            assertEquals(90018, Wire.errcode(a));
            assertTrue(Wire.errmsg(a).startsWith("[bill_no]"), Wire.errmsg(a));
        }
    }

    @Property(tries = 150)
    void midasV1AcceptsABillNoExactlyWhenTheOrderNoRulesDo(@ForAll("billNos") String billNo) {
        Assume.that(USED.add("v1:" + billNo));
        Map<String, Object> p = Wire.v1Params(Wire.BOB);
        p.put("amt", 1L);
        p.put("bill_no", billNo);
        Map<String, Object> a = wire.v1("pay", false, p);
        if (OrderNoRules.isValid(billNo, ApiVersion.MIDAS_V1)) {
            assertEquals(0, Wire.errcode(a), String.valueOf(a));
        } else {
            assertEquals(90018, Wire.errcode(a), String.valueOf(a));
            assertTrue(Wire.errmsg(a).startsWith("[bill_no]"), Wire.errmsg(a));
        }
    }
}
