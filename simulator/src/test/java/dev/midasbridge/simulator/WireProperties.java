package dev.midasbridge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.order.OrderNoRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

/** Rules that hold for any request, checked over real HTTP against one server. */
class WireProperties {
    private static Wire wire;
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Set<String> USED = Collections.synchronizedSet(new HashSet<>());

    @BeforeContainer
    static void start() {
        wire = Wire.start();
        wire.admin().seedBalance(Wire.ALICE, "1", Long.MAX_VALUE / 4, 0);
    }

    @AfterContainer
    static void stop() {
        wire.close();
    }

    @Provide
    Arbitrary<String> billNos() {
        Arbitrary<Character> chars = Arbitraries.of('a', 'Z', '0', '9', '_', '-', ' ', '.', '/', 'é');
        return chars.list().ofMinSize(0).ofMaxSize(70).map(l -> {
            StringBuilder sb = new StringBuilder();
            l.forEach(sb::append);
            return sb.toString();
        });
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

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("钻石测试é/\\\"&=+%").ofMinLength(1).ofMaxLength(20);
    }

    /** Any body text a client may produce (key order, spacing, escaping) is fine when signed over its exact bytes. */
    @Property(tries = 150)
    void payV2AcceptsAnyFormattingSignedOverTheExactBytes(@ForAll("seeds") long seed, @ForAll("texts") String item) {
        Random random = new Random(seed);
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("openid", "o-alice");
        fields.put("offer_id", Wire.V2_OFFER);
        fields.put("ts", new Json.Num("1700000000"));
        fields.put("zone_id", "1");
        fields.put("env", new Json.Num("0"));
        fields.put("amount", new Json.Num("1"));
        fields.put("bill_no", "fmt-" + COUNTER.incrementAndGet());
        fields.put("payitem", item);
        List<String> keys = new ArrayList<>(fields.keySet());
        Collections.shuffle(keys, random);
        LinkedHashMap<String, Object> shuffled = new LinkedHashMap<>();
        keys.forEach(k -> shuffled.put(k, fields.get(k)));
        String[] commas = {",", ", ", " ,\n  "};
        String[] colons = {":", ": ", " : "};
        Json.Style style = new Json.Style(false, commas[random.nextInt(3)], colons[random.nextInt(3)], random.nextBoolean(), random.nextBoolean());
        String body = Json.write(shuffled, style);
        Map<String, Object> a = wire.postV2("/wxa/game/pay", body, Wire.paySig("/wxa/game/pay", body, Wire.V2_KEY),
                Wire.signature(body, Wire.ALICE_KEY), Wire.TOKEN);
        assertEquals(0, Wire.errcode(a), body + " -> " + a);
    }

    /** midas 1.0 signs raw values: any item text, correctly signed, is accepted. */
    @Property(tries = 150)
    void midasV1AcceptsAnyRawValueSignedAsSent(@ForAll("texts") String item, @ForAll("texts") String remark) {
        LinkedHashMap<String, Object> p = Wire.v1Params(Wire.ALICE);
        p.put("amt", 1L);
        p.put("bill_no", "raw-" + COUNTER.incrementAndGet());
        p.put("pay_item", item);
        p.put("app_remark", remark);
        Map<String, Object> a = wire.v1("pay", false, p);
        assertEquals(0, Wire.errcode(a), String.valueOf(a));
    }
}
