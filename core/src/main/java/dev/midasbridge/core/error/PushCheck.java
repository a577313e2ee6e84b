package dev.midasbridge.core.error;

/**
 * The checks a pay_v2 push goes through, in order: the body can be read, the message-push channel's signatures, the
 * safe-mode envelope, {@code PayEventSig}, and the payload's fields. A {@link PushVerificationException} names the one
 * that failed.
 */
public enum PushCheck {
    /** The body is JSON or XML as the push channel sends it, with the fields it always has. */
    BODY("the body"),
    /** URL verification: {@code signature = sha1(sort(token, timestamp, nonce))}. */
    URL_SIGNATURE("the URL signature (signature = sha1 of the sorted token, timestamp, nonce)"),
    /** Safe mode: {@code msg_signature = sha1(sort(token, timestamp, nonce, Encrypt))}. */
    MSG_SIGNATURE("msg_signature (sha1 of the sorted token, timestamp, nonce, Encrypt)"),
    /** Safe mode: {@code Encrypt} is base64 of whole AES blocks and the 4-byte length fits in what was decrypted. */
    DECRYPT_LENGTH("the safe-mode envelope's length"),
    /** Safe mode: the PKCS#7 padding (block 32) of the decrypted envelope. */
    DECRYPT_PADDING("the safe-mode envelope's PKCS#7 padding"),
    /** Safe mode: the appid at the end of the decrypted envelope is this mini-game's. */
    DECRYPT_APPID("the safe-mode envelope's appid"),
    /** {@code PayEventSig = hex(HMAC-SHA256(AppKey of the payload's Env, Event + "&" + Payload))}. */
    PAY_EVENT_SIG("PayEventSig (HMAC-SHA256 with the AppKey of the payload's Env over Event&Payload)"),
    /** The payload's fields, as the event's page documents them. */
    PAYLOAD("the payload");

    private final String description;

    PushCheck(String description) {
        this.description = description;
    }

    /** What is checked, in words (never a secret). */
    public String description() {
        return description;
    }
}
