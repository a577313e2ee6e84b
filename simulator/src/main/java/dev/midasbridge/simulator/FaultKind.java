package dev.midasbridge.simulator;

import java.util.Locale;

/** The failures the stand-in server can inject on demand, each named as it is written in configuration. */
public enum FaultKind {
    /** Answer errcode -1 ("system busy") without applying the operation. */
    BUSY,
    /** Answer the fault's errcode without applying the operation (for errcodes the stand-in never reaches by itself). */
    ERRCODE,
    /** Apply the operation, then stall for the fault's delay before answering (past the client's timeout). */
    STALL_AFTER_APPLY,
    /** Close the connection without an answer and without applying the operation. */
    DROP_BEFORE_APPLY,
    /** Apply the operation, then close the connection without an answer. */
    DROP_AFTER_APPLY,
    /** Answer HTTP 502 with an HTML body, without applying the operation. */
    HTTP_502,
    /** Answer HTTP 200 with a body that is not JSON, without applying the operation. */
    NOT_JSON,
    /** Wait for the fault's delay, then handle the call normally. */
    LATENCY;

    /** The name used in configuration and in the admin API, e.g. {@code drop_after_apply}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code name} ({@code busy}, {@code http_502}, ...); throws naming the choices otherwise. */
    public static FaultKind fromWireName(String name) {
        for (FaultKind k : values()) {
            if (k.wireName().equals(name)) {
                return k;
            }
        }
        StringBuilder choices = new StringBuilder();
        for (FaultKind k : values()) {
            choices.append(choices.length() == 0 ? "" : ", ").append(k.wireName());
        }
        throw new IllegalArgumentException("unknown fault kind \"" + name + "\" (one of " + choices + ")");
    }
}
