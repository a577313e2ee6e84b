-- Each event carries a hash chaining it to the previous event of the same order (see EventChain): a deleted,
-- altered or reordered event breaks its order's chain, which `bridge journal verify` reports. NULL for events
-- written before this version until `bridge journal verify --accept` fills them in.
ALTER TABLE ${prefix}order_events ADD COLUMN chain VARCHAR(64);
