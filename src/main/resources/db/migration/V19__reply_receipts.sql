-- A partner may acknowledge any answer of ours with a receipt, not only those the outbox sent: the
-- digest of what we signed, which the receipt must quote, and when it came.
ALTER TABLE exchange ADD COLUMN reply_payload_digest CHAR(64);
ALTER TABLE exchange ADD COLUMN reply_acknowledged_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_exchange_reply_message ON exchange (partner_code, reply_message_id);
