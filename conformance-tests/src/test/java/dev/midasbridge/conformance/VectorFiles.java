package dev.midasbridge.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small vector files for the tests; vectors are given with ' for " to keep them readable. */
final class VectorFiles {
    static final String FORMAT_HEADER = "{\"format\": \"midas-bridge-vectors/1\", \"vectors\": [";

    private VectorFiles() {}

    /** A vector file holding {@code vectors} (JSON objects written with single quotes). */
    static Path write(Path dir, String name, String... vectors) throws IOException {
        return writeRaw(dir, name, FORMAT_HEADER + String.join(",", vectors).replace('\'', '"') + "]}");
    }

    static Path writeRaw(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The official getbalance example of midas 1.0 (API.md / VECTORS.md), with {@code expect} as given. */
    static String officialV1(String id, String expect) {
        return "{'id': '" + id + "', 'kind': 'midas_v1_sign', 'uri': '/cgi-bin/midas/getbalance',"
                + " 'params': {'appid': 'wx1234567', 'offer_id': '12345678', 'openid': 'odkx20ENSNa2w5y3g_qOkOvBNM1g',"
                + " 'pf': 'android', 'ts': 1507530737, 'zone_id': '1'},"
                + " 'app_key': 'zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u', 'access_token': 'ACCESSTOKEN',"
                + " 'session_key': 'V7Q38/i2KXaqrQyl2Yx9Hg==', 'expect': " + expect + "}";
    }

    static final String OFFICIAL_V1_SIG = "1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b";
    static final String OFFICIAL_V1_MP_SIG = "ff4c5bb39dea1002a8f03be0438724e1a8bcea5ebce8f221f9b9fea3bcf3bf76";

    static String orderNo(String id, String value, boolean v1, boolean v2) {
        return "{'id': '" + id + "', 'kind': 'order_no', 'value': '" + value + "', 'expect': {'midas_v1': " + v1
                + ", 'pay_v2': " + v2 + "}}";
    }
}
