package dev.midasbridge.midas.v1.internal.wire;

import java.util.Map;

/**
 * A midas 1.0 request body as it is sent (JSON via Moshi, absent optional fields left out), with its
 * {@code sig} and {@code mp_sig} once signed.
 */
public sealed interface MidasV1Request permits GetBalanceRequest, PayRequest, CancelPayRequest, PresentRequest {
    /** The endpoint: getbalance, pay, cancelpay or present. */
    String endpoint();

    /**
     * The parameters that are sent and signed, without {@code sig}/{@code mp_sig}: a fresh LinkedHashMap in the
     * order of {@link MidasV1Wire#toRequestBody}, values String or Long, optional fields only when present.
     */
    Map<String, Object> params();

    /** The {@code sig} sent, or null before signing. */
    String sig();

    /** The {@code mp_sig} sent, or null before signing. */
    String mpSig();

    /** The same request carrying {@code sig} and {@code mp_sig}. */
    MidasV1Request withSignatures(String sig, String mpSig);
}
