-- The gateway's session keys: one row per player (openid), newest wins. Keys are AES-GCM encrypted (nonce + ciphertext,
-- the openid as associated data); the previous key is kept to diagnose a stale session key. Times are epoch millis.
CREATE TABLE gateway_session_keys (
    openid          VARCHAR(128) NOT NULL PRIMARY KEY,
    session_key     BYTEA        NOT NULL,
    previous_key    BYTEA,
    source          VARCHAR(16)  NOT NULL,
    updated_at_ms   BIGINT       NOT NULL,
    expires_at_ms   BIGINT       NOT NULL
);
CREATE INDEX gateway_session_keys_expiry ON gateway_session_keys (expires_at_ms);

-- The reconcile lease for a fleet on a database without advisory locks (H2); PostgreSQL uses an advisory lock.
CREATE TABLE gateway_leases (
    name            VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder          VARCHAR(128) NOT NULL,
    expires_at_ms   BIGINT       NOT NULL
);
