package dev.midasbridge.payv2.internal.wire;

import java.io.IOException;
import java.util.LinkedHashMap;

/** Test helper reachable from other test packages: reads a flat JSON body keeping order and exact numbers. */
public final class WireJsonAccess {
    private WireJsonAccess() {}

    public static LinkedHashMap<String, Object> readFlat(byte[] json) throws IOException {
        return WireJson.readFlat(json);
    }
}
