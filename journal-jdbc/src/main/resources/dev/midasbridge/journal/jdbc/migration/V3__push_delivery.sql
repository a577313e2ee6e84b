-- Push events delivered exactly once to the game (key: the event's dedup key, event type + OutTradeNo or its own
-- id), and the client payments the bridge formed (key: environment + outTradeNo) that a delivery is linked to.
CREATE TABLE ${prefix}push_deliveries (dedup_key VARCHAR(256) NOT NULL PRIMARY KEY,
 event VARCHAR(128) NOT NULL, environment VARCHAR(16) NOT NULL, out_trade_no VARCHAR(128), openid VARCHAR(128),
 payload VARCHAR(100000) NOT NULL, received_at BIGINT NOT NULL, status VARCHAR(16) NOT NULL,
 send_attempts INTEGER NOT NULL, maybe_delivered BOOLEAN NOT NULL, claim_owner VARCHAR(64),
 claim_until BIGINT NOT NULL, delivered_at BIGINT, matched_client_payment BOOLEAN NOT NULL,
 last_note VARCHAR(1024));

CREATE INDEX ${prefix}push_deliveries_received ON ${prefix}push_deliveries (received_at);

CREATE TABLE ${prefix}client_payments (environment VARCHAR(16) NOT NULL, out_trade_no VARCHAR(128) NOT NULL,
 openid VARCHAR(128) NOT NULL, zone_id VARCHAR(128) NOT NULL, api_version VARCHAR(16) NOT NULL,
 quantity BIGINT NOT NULL, product_id VARCHAR(256), goods_price BIGINT, created_at BIGINT NOT NULL,
 delivery_key VARCHAR(256), delivered_at BIGINT,
 PRIMARY KEY (environment, out_trade_no));
