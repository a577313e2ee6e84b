package dev.midasbridge.conformance.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.midas.v1.MidasV1Format;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** midas 1.0 {@code sig} and {@code mp_sig} (API.md 4): what they depend on, and what they must not. */
class MidasV1SignatureProperties {

    @Property(tries = 200)
    void sigDoesNotDependOnParameterOrder(
            @ForAll("params") Map<String, Object> params,
            @ForAll("paths") String path,
            @ForAll("keys") String key,
            @ForAll long seed) {
        List<String> names = new ArrayList<>(params.keySet());
        Collections.shuffle(names, new Random(seed));
        Map<String, Object> reordered = new LinkedHashMap<>();
        names.forEach(n -> reordered.put(n, params.get(n)));

        assertEquals(
                MidasV1Format.sig(path, params, Secret.of(key)), MidasV1Format.sig(path, reordered, Secret.of(key)));
    }

    @Property(tries = 200)
    void sigChangesWhenAnySignedValueChanges(
            @ForAll("params") Map<String, Object> params,
            @ForAll("paths") String path,
            @ForAll("keys") String key,
            @ForAll int which) {
        List<String> names = new ArrayList<>(params.keySet());
        String name = names.get(Math.floorMod(which, names.size()));
        Map<String, Object> changed = new LinkedHashMap<>(params);
        changed.put(name, params.get(name) instanceof Long n ? (Object) (n + 1) : params.get(name) + "x");

        assertNotEquals(
                MidasV1Format.sig(path, params, Secret.of(key)), MidasV1Format.sig(path, changed, Secret.of(key)));
    }

    @Property(tries = 200)
    void sigChangesWithTheAppKey(
            @ForAll("params") Map<String, Object> params,
            @ForAll("paths") String path,
            @ForAll("twoKeys") List<String> keys) {
        assertNotEquals(
                MidasV1Format.sig(path, params, Secret.of(keys.get(0))),
                MidasV1Format.sig(path, params, Secret.of(keys.get(1))));
    }

    @Property(tries = 200)
    void sigChangesWithThePath(
            @ForAll("params") Map<String, Object> params,
            @ForAll("twoPaths") List<String> paths,
            @ForAll("keys") String key) {
        assertNotEquals(
                MidasV1Format.sig(paths.get(0), params, Secret.of(key)),
                MidasV1Format.sig(paths.get(1), params, Secret.of(key)));
    }

    @Property(tries = 200)
    void mpSigChangesWithTheSessionKey(
            @ForAll("params") Map<String, Object> params,
            @ForAll("paths") String path,
            @ForAll("keys") String appKey,
            @ForAll("keys") String token,
            @ForAll("twoKeys") List<String> sessionKeys) {
        String sig = MidasV1Format.sig(path, params, Secret.of(appKey));

        assertNotEquals(
                MidasV1Format.mpSig(path, params, sig, Secret.of(token), Secret.of(sessionKeys.get(0))),
                MidasV1Format.mpSig(path, params, sig, Secret.of(token), Secret.of(sessionKeys.get(1))));
    }

    @Property(tries = 200)
    void mpSigChangesWithTheAccessToken(
            @ForAll("params") Map<String, Object> params,
            @ForAll("paths") String path,
            @ForAll("keys") String appKey,
            @ForAll("twoKeys") List<String> tokens,
            @ForAll("keys") String sessionKey) {
        String sig = MidasV1Format.sig(path, params, Secret.of(appKey));

        assertNotEquals(
                MidasV1Format.mpSig(path, params, sig, Secret.of(tokens.get(0)), Secret.of(sessionKey)),
                MidasV1Format.mpSig(path, params, sig, Secret.of(tokens.get(1)), Secret.of(sessionKey)));
    }

    @Provide
    Arbitrary<Map<String, Object>> params() {
        return Generators.v1Params();
    }

    @Provide
    Arbitrary<String> paths() {
        return Generators.v1Paths();
    }

    @Provide
    Arbitrary<List<String>> twoPaths() {
        return Generators.v1Paths().list().ofSize(2).uniqueElements();
    }

    @Provide
    Arbitrary<String> keys() {
        return Generators.keys();
    }

    @Provide
    Arbitrary<List<String>> twoKeys() {
        return Generators.keys().list().ofSize(2).uniqueElements();
    }
}
