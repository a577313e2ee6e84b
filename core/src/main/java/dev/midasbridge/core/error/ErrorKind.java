package dev.midasbridge.core.error;

/**
 * Every way a call can fail, whichever version it went to, each saying what the caller should do:
 * retry with the same order number, have the player log in again, fix the input, or fix the configuration.
 */
public enum ErrorKind {
    /** errcode -1: system busy. The outcome is unknown; call again with the same order number. */
    SYSTEM_BUSY(Category.OUTCOME_UNKNOWN, "system busy: the outcome is unknown, retry with the same order number"),
    /** No answer before the deadline. The outcome is unknown; call again with the same order number. */
    TIMEOUT(Category.OUTCOME_UNKNOWN, "no answer in time: the outcome is unknown, retry with the same order number"),
    /** The connection broke after the request may have been sent. The outcome is unknown. */
    CONNECTION_DROPPED(
            Category.OUTCOME_UNKNOWN,
            "the connection dropped: the outcome is unknown, retry with the same order number"),
    /** An HTTP status other than 200. The outcome is unknown. */
    HTTP_STATUS(Category.OUTCOME_UNKNOWN, "the server answered an HTTP error: retry with the same order number"),
    /** A body that is not JSON, or lacks a field the version always sends. The outcome is unknown. */
    MALFORMED_RESPONSE(
            Category.OUTCOME_UNKNOWN,
            "the answer could not be read: the outcome is unknown, retry with the same order number"),
    /** An errcode neither version documents. Treated as unknown, so that retrying is the safe course. */
    UNKNOWN_ERRCODE(Category.OUTCOME_UNKNOWN, "an undocumented errcode: retry with the same order number"),
    /** The connection could not be made (refused, no route, name not found): nothing was sent. */
    CONNECTION_FAILED(Category.RETRYABLE, "could not connect: nothing was sent, retry later"),
    /** The access token could not be fetched (stable_token unreachable, refused or in error): nothing was sent. */
    ACCESS_TOKEN_UNAVAILABLE(
            Category.RETRYABLE,
            "the access token could not be fetched: nothing was sent, retry later with the same order number"),
    /** midas 1.0 90016: the deduction being refunded is still processing; refund again later. */
    ORDER_PROCESSING(Category.RETRYABLE, "the order is still processing: retry later with the same order number"),

    /** A -1 whose errmsg names a configuration fault (e.g. {@code 1021-1021-0}): retrying never helps. */
    CONFIGURATION_FAULT(Category.CONFIGURATION, "the server names a configuration fault: check offer_id and AppKeys"),
    /** midas 1.0 90011 {@code sig} / pay_v2 90011 {@code pay_sig} wrong: the AppKey or the signing is wrong. */
    APP_SIGNATURE_INVALID(
            Category.CONFIGURATION, "the AppKey signature was rejected: check the AppKey and environment"),
    /**
     * midas 1.0 90009 {@code mp_sig} / pay_v2 90010 {@code signature} wrong. Most often the session_key is stale:
     * the player logged in again (perhaps on another device) and WeChat issued a new one.
     */
    PLAYER_SIGNATURE_INVALID(
            Category.RELOGIN,
            "the session_key signature was rejected: fetch the player's current session_key or have the player log in again"),
    /** 90017: this app may not call the API. */
    PERMISSION_DENIED(Category.CONFIGURATION, "no permission to call this API"),
    /** 40001, 40014, 42001: the access token is invalid or expired (already refreshed once). */
    ACCESS_TOKEN_INVALID(Category.CONFIGURATION, "the access token is invalid or expired"),

    /** midas 1.0 90010 / pay_v2 90016: the player's session is gone; the player must log in again. */
    SESSION_EXPIRED(Category.RELOGIN, "the player's session expired: the player must log in again"),

    /** 90018: the server rejected a parameter; the errmsg names it. */
    INVALID_PARAMETER(Category.INVALID_INPUT, "the server rejected a parameter: fix the input"),
    /** Rejected before sending: a value breaks a rule of the version it was meant for. */
    INVALID_INPUT(Category.INVALID_INPUT, "the input breaks a rule of the API version: fix the input"),
    /**
     * A pay_v2 push (message-push URL verification, safe-mode envelope, {@code PayEventSig} or its payload) failed a
     * check: it is not WeChat's, was changed on the way, or the push token, EncodingAESKey or AppKeys are wrong.
     */
    PUSH_REFUSED(
            Category.INVALID_INPUT,
            "the push failed a check: do not deliver it (check the push token, EncodingAESKey and AppKeys)"),

    /** 90012: the order number was used already (the bridge decides whether that is our own earlier success). */
    DUPLICATE_ORDER(Category.REJECTED, "the order number was used already"),
    /** 90013: the player's balance is too low. */
    INSUFFICIENT_BALANCE(Category.REJECTED, "the player's balance is too low"),
    /** 90000: no such order. */
    ORDER_NOT_FOUND(Category.REJECTED, "the order does not exist"),
    /** midas 1.0 90014: the order was already confirmed and cannot be refunded. */
    ORDER_ALREADY_CONFIRMED(Category.REJECTED, "the order was already confirmed"),
    /** midas 1.0 90015: the order was already rolled back. */
    ORDER_ALREADY_ROLLED_BACK(Category.REJECTED, "the order was already rolled back"),
    /** The operation does not exist in that version (e.g. order query on midas 1.0). */
    NOT_SUPPORTED(Category.REJECTED, "the API version does not support this operation");

    /** The five courses of action, one exception class each. */
    public enum Category {
        /** May have been applied: retry with the same order number on the same version. */
        OUTCOME_UNKNOWN,
        /** Not applied; safe to retry with the same order number later. */
        RETRYABLE,
        /** Fix keys, offer ids, tokens or permissions: retrying as is will fail again. */
        CONFIGURATION,
        /** The player must log in again to get a fresh session_key. */
        RELOGIN,
        /** The request itself is wrong. */
        INVALID_INPUT,
        /** A definite business answer: nothing was applied. */
        REJECTED
    }

    private final Category category;
    private final String advice;

    ErrorKind(Category category, String advice) {
        this.category = category;
        this.advice = advice;
    }

    /** Which course of action this kind calls for. */
    public Category category() {
        return category;
    }

    /** One sentence telling a caller what happened and what to do. */
    public String advice() {
        return advice;
    }

    /** Whether calling again with the same order number on the same version is safe (and may succeed). */
    public boolean retrySameOrderSafe() {
        return category == Category.OUTCOME_UNKNOWN || category == Category.RETRYABLE;
    }

    /** Whether the operation may have been applied although no success was seen. */
    public boolean outcomeUnknown() {
        return category == Category.OUTCOME_UNKNOWN;
    }

    /** Whether the player must log in again before this can succeed. */
    public boolean mustReLogin() {
        return category == Category.RELOGIN;
    }

    /** Whether the input must be fixed before this can succeed. */
    public boolean mustFixInput() {
        return category == Category.INVALID_INPUT;
    }

    /** Whether keys, offer ids, tokens or permissions must be fixed before this can succeed. */
    public boolean mustFixConfiguration() {
        return category == Category.CONFIGURATION;
    }
}
