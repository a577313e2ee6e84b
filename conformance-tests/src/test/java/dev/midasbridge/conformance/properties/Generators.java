package dev.midasbridge.conformance.properties;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Arbitraries the properties share: v1 parameters, paths, keys, bodies. */
final class Generators {
    static final List<String> V1_FIELDS = List.of(
            "appid",
            "offer_id",
            "openid",
            "pf",
            "ts",
            "zone_id",
            "user_ip",
            "amt",
            "bill_no",
            "pay_item",
            "app_remark",
            "present_counts");
    static final List<String> V1_PATHS = List.of(
            "/cgi-bin/midas/getbalance",
            "/cgi-bin/midas/pay",
            "/cgi-bin/midas/cancelpay",
            "/cgi-bin/midas/present",
            "/cgi-bin/midas/sandbox/getbalance",
            "/cgi-bin/midas/sandbox/pay",
            "/cgi-bin/midas/sandbox/cancelpay",
            "/cgi-bin/midas/sandbox/present");
    static final List<String> V2_PATHS = List.of(
            "/wxa/game/getbalance",
            "/wxa/game/pay",
            "/wxa/game/cancelpay",
            "/wxa/game/present",
            "/wxa/game/queryorderinfo");

    private Generators() {}

    /** Body parameters as sent: 1 to 12 of the v1 field names, each a text (any characters) or a whole number. */
    static Arbitrary<Map<String, Object>> v1Params() {
        return Arbitraries.subsetOf(V1_FIELDS).ofMinSize(1).flatMap(names -> {
            List<String> ordered = new ArrayList<>(names);
            List<Arbitrary<Object>> values = ordered.stream().map(n -> value()).toList();
            return Combinators.combine(values).as(vs -> {
                Map<String, Object> params = new LinkedHashMap<>();
                for (int i = 0; i < ordered.size(); i++) {
                    params.put(ordered.get(i), vs.get(i));
                }
                return params;
            });
        });
    }

    private static Arbitrary<Object> value() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(24).map(s -> (Object) s),
                Arbitraries.longs().between(0, 9_999_999_999L).map(n -> (Object) n));
    }

    /** The v1 paths, production and sandbox, and a few made-up ones. */
    static Arbitrary<String> v1Paths() {
        return Arbitraries.oneOf(
                Arbitraries.of(V1_PATHS),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(s -> "/cgi-bin/midas/" + s));
    }

    /** The v2 paths and a few made-up ones. */
    static Arbitrary<String> v2Paths() {
        return Arbitraries.oneOf(
                Arbitraries.of(V2_PATHS),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(s -> "/wxa/game/" + s));
    }

    /** AppKeys, session keys and access tokens: base64-ish text of 8 to 40 characters. */
    static Arbitrary<String> keys() {
        return Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars('+', '/', '=')
                .ofMinLength(8)
                .ofMaxLength(40);
    }

    /** Request bodies: any text of 1 to 200 characters (JSON or not, any script), as UTF-8 bytes. */
    static Arbitrary<byte[]> bodies() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }
}
