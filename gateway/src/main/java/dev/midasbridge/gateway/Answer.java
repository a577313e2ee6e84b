package dev.midasbridge.gateway;

import dev.midasbridge.core.ApiVersion;
import java.util.Map;
import java.util.Optional;

/**
 * What the gateway answers one payment request: HTTP 200 and a JSON body in the game's dialect (as the real API
 * does, errors included), the errcode (for metrics), the version that handled it (when one did), and the diagnosis
 * header's text when the gateway refused the request. Never holds a secret.
 */
record Answer(
        int status,
        Map<String, Object> body,
        int errcode,
        Optional<ApiVersion> routedVersion,
        Optional<String> diagnosis,
        boolean outcomeUnknown) {

    static Answer ok(Map<String, Object> body, ApiVersion routed) {
        return new Answer(200, body, 0, Optional.of(routed), Optional.empty(), false);
    }

    static Answer error(
            int errcode,
            String errmsg,
            Optional<ApiVersion> routed,
            Optional<String> diagnosis,
            boolean outcomeUnknown) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("errcode", errcode);
        body.put("errmsg", errmsg);
        return new Answer(200, body, errcode, routed, diagnosis, outcomeUnknown);
    }

    /** A refusal by the gateway's own checks, with the diagnosis header. */
    static Answer refused(int errcode, String errmsg, String diagnosis) {
        return error(errcode, errmsg, Optional.empty(), Optional.of(diagnosis), false);
    }

    byte[] bytes() {
        return StrictJson.writeBytes(body);
    }
}
