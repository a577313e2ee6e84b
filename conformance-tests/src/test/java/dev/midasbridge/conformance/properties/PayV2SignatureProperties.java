package dev.midasbridge.conformance.properties;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.payv2.PayV2Format;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** pay_v2 {@code signature} and {@code pay_sig} (API.md 4) cover every byte of the body, and pay_sig the path. */
class PayV2SignatureProperties {

    @Property(tries = 300)
    void signatureChangesWithAnySingleByteChangeOfTheBody(
            @ForAll("bodies") byte[] body,
            @ForAll int where,
            @ForAll("byteDeltas") int delta,
            @ForAll("keys") String sessionKey) {
        assertNotEquals(
                PayV2Format.signature(body, Secret.of(sessionKey)),
                PayV2Format.signature(changeOneByte(body, where, delta), Secret.of(sessionKey)));
    }

    @Property(tries = 300)
    void paySigChangesWithAnySingleByteChangeOfTheBody(
            @ForAll("bodies") byte[] body,
            @ForAll int where,
            @ForAll("byteDeltas") int delta,
            @ForAll("paths") String path,
            @ForAll("keys") String appKey) {
        assertNotEquals(
                PayV2Format.paySig(path, body, Secret.of(appKey)),
                PayV2Format.paySig(path, changeOneByte(body, where, delta), Secret.of(appKey)));
    }

    @Property(tries = 200)
    void paySigChangesWithThePath(
            @ForAll("bodies") byte[] body, @ForAll("twoPaths") List<String> paths, @ForAll("keys") String appKey) {
        assertNotEquals(
                PayV2Format.paySig(paths.get(0), body, Secret.of(appKey)),
                PayV2Format.paySig(paths.get(1), body, Secret.of(appKey)));
    }

    /** A copy of {@code body} with the byte at {@code where} (modulo its length) shifted by {@code delta}. */
    private static byte[] changeOneByte(byte[] body, int where, int delta) {
        byte[] changed = body.clone();
        int i = Math.floorMod(where, body.length);
        changed[i] = (byte) (changed[i] + delta);
        return changed;
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Generators.bodies();
    }

    @Provide
    Arbitrary<Integer> byteDeltas() {
        return Arbitraries.integers().between(1, 255);
    }

    @Provide
    Arbitrary<String> paths() {
        return Generators.v2Paths();
    }

    @Provide
    Arbitrary<List<String>> twoPaths() {
        return Generators.v2Paths().list().ofSize(2).uniqueElements();
    }

    @Provide
    Arbitrary<String> keys() {
        return Generators.keys();
    }
}
