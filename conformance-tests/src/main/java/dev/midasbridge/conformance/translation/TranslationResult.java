package dev.midasbridge.conformance.translation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A translated request: the pay_v2 body fields (in pay_v2's order; values String or Long; serialize them with
 * {@code PayV2Wire.serialize} to sign and send), and what changed on the way, for people to read:
 * {@code renamed} as {@code "amt -> amount"}, {@code dropped} v1 fields (e.g. {@code appid}, {@code pf}) and
 * {@code added} v2 fields (e.g. {@code env}).
 */
public record TranslationResult(
        Map<String, Object> v2, List<String> renamed, List<String> dropped, List<String> added) {
    public TranslationResult {
        v2 = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(v2, "v2")));
        renamed = List.copyOf(renamed);
        dropped = List.copyOf(dropped);
        added = List.copyOf(added);
    }
}
