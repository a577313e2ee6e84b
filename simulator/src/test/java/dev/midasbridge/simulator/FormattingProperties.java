package dev.midasbridge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Rules that hold for any request, checked over real HTTP against one server. */
class FormattingProperties {
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
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings()
                .withCharRange(' ', '~')
                .withChars("钻石测试é/\\\"&=+%")
                .ofMinLength(1)
                .ofMaxLength(20);
    }

    /** Any body text a client may produce (key order, spacing, escaping) is fine when signed over its exact bytes. */
    @Property(tries = 150)
    void payV2AcceptsAnyFormattingSignedOverTheExactBytes(@ForAll("seeds") long seed, @ForAll("texts") String item) {
        Random random = new Random(seed);
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("openid", "o-alice");
        fields.put("offer_id", Wire.V2_OFFER);
        fields.put("ts", new JsonTree.Num("1700000000"));
        fields.put("zone_id", "1");
        fields.put("env", new JsonTree.Num("0"));
        fields.put("amount", new JsonTree.Num("1"));
        fields.put("bill_no", "fmt-" + COUNTER.incrementAndGet());
        fields.put("payitem", item);
        List<String> keys = new ArrayList<>(fields.keySet());
        Collections.shuffle(keys, random);
        LinkedHashMap<String, Object> shuffled = new LinkedHashMap<>();
        keys.forEach(k -> shuffled.put(k, fields.get(k)));
        String[] commas = {",", ", ", " ,\n  "};
        String[] colons = {":", ": ", " : "};
        JsonTree.Style style = new JsonTree.Style(
                false,
                commas[random.nextInt(3)],
                colons[random.nextInt(3)],
                random.nextBoolean(),
                random.nextBoolean());
        String body = new String(JsonTree.write(shuffled, style), java.nio.charset.StandardCharsets.UTF_8);
        Map<String, Object> a = wire.postV2(
                "/wxa/game/pay",
                body,
                Wire.paySig("/wxa/game/pay", body, Wire.V2_KEY),
                Wire.signature(body, Wire.ALICE_KEY),
                Wire.TOKEN);
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
