package org.caseexchange.gateway.exchange;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caseexchange.gateway.database.RowIds;
import org.caseexchange.gateway.database.Timestamps;
import org.caseexchange.gateway.protocol.MessageKind;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Messages of ours committed outside a consume (an officer's final response, our own queries): written in the transaction that
 * decides them, sent afterwards by the outbox route, marked sent once the broker took them. A crash
 * between the send and the mark sends the same bytes again, which the partner recognises by their
 * messageId (docs/protocol.md section 4.7).
 */
public class Outbox {

    /** How long a claim holds: ample for one round's sends. */
    static final java.time.Duration CLAIM = java.time.Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;

    public Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void enqueue(UUID exchangeId, String partner, String destination, ReplySealer.Sealed sealed, Instant now) {
        ExchangeRecord.Reply reply = sealed.reply();
        jdbc.update(
                "INSERT INTO outbox (id, exchange_id, partner_code, destination, message_kind, message_id, correlation_id,"
                        + " sealed, payload_digest, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                RowIds.next(),
                exchangeId,
                partner,
                destination,
                reply.kind().rootElement(),
                reply.messageId(),
                reply.correlationId(),
                reply.sealed(),
                sealed.payloadDigest(),
                Timestamps.utc(now));
    }

    /** A message of ours in the outbox, as a receipt from the partner is checked against it. */
    public record Acknowledgeable(UUID exchangeId, String payloadDigest, boolean acknowledged) {}

    /** The message of ours with this messageId that was sent to this partner, locked for the receipt's transaction. */
    public java.util.Optional<Acknowledgeable> lockSent(String partner, String messageId) {
        return jdbc
                .query(
                        "SELECT exchange_id, payload_digest, acknowledged_at FROM outbox WHERE partner_code = ?"
                                + " AND message_id = ? AND sent_at IS NOT NULL FOR UPDATE",
                        (rs, n) -> new Acknowledgeable(
                                rs.getObject("exchange_id", UUID.class),
                                rs.getString("payload_digest") == null
                                        ? null
                                        : rs.getString("payload_digest").strip(),
                                rs.getObject("acknowledged_at") != null),
                        partner,
                        messageId)
                .stream()
                .findFirst();
    }

    /**
     * Sends a message of ours again, byte for byte (the partner recognises it by its messageId): the
     * outbox route takes it at its next round. False when it has not left yet.
     */
    public boolean requeue(UUID exchangeId) {
        return jdbc.update(
                        "UPDATE outbox SET sent_at = NULL, claimed_until = NULL WHERE exchange_id = ? AND sent_at IS NOT NULL",
                        exchangeId)
                == 1;
    }

    public void acknowledged(String partner, String messageId, Instant now) {
        jdbc.update(
                "UPDATE outbox SET acknowledged_at = ? WHERE partner_code = ? AND message_id = ? AND acknowledged_at IS NULL",
                Timestamps.utc(now),
                partner,
                messageId);
    }

    /** An unsent message and the partner it is for. */
    public record Queued(String partner, Disposition.Send send) {}

    /** The oldest unsent messages, as sends for the route to carry out. */
    /**
     * Claims up to {@code limit} of the oldest unsent messages for {@link #CLAIM} and returns them. Rows
     * another instance holds a claim on are skipped, so several instances on one database do not send
     * the same message together; a claim that outlives its instance (a crash before the mark) lapses,
     * and the message goes out from whichever instance takes it next.
     */
    public List<Queued> due(int limit, Instant now) {
        return jdbc.query(
                "UPDATE outbox SET claimed_until = ? WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL"
                        + " AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY created_at FETCH FIRST " + limit
                        + " ROWS ONLY FOR UPDATE SKIP LOCKED)"
                        + " RETURNING partner_code, exchange_id, destination, message_kind, message_id, correlation_id,"
                        + " sealed",
                (rs, n) -> new Queued(
                        rs.getString("partner_code"),
                        new Disposition.Send(
                                rs.getObject("exchange_id", UUID.class),
                                rs.getString("destination"),
                                rs.getBytes("sealed"),
                                MessageKind.ofRootElement(rs.getString("message_kind"))
                                        .orElseThrow(),
                                rs.getString("message_id"),
                                rs.getString("correlation_id"))),
                Timestamps.utc(now.plus(CLAIM)),
                Timestamps.utc(now));
    }

    /** A message of ours found delivered by the partner's answer to it: its exchange and what was sent. */
    public record Delivered(UUID exchangeId, byte[] sealed) {}

    /**
     * The partner answered (or acknowledged) our message with this messageId, so it was delivered: a
     * row the sending instance did not live to mark sent (halted between the broker taking it and the
     * mark) is marked now, its claim released, instead of being sent again once the claim lapses.
     *
     * @return the row, when it was not marked before
     */
    public java.util.Optional<Delivered> delivered(String partner, String messageId, Instant now) {
        return jdbc
                .query(
                        "UPDATE outbox SET sent_at = ?, claimed_until = NULL WHERE partner_code = ? AND message_id = ?"
                                + " AND sent_at IS NULL RETURNING exchange_id, sealed",
                        (rs, n) -> new Delivered(rs.getObject("exchange_id", UUID.class), rs.getBytes("sealed")),
                        Timestamps.utc(now),
                        partner,
                        messageId)
                .stream()
                .findFirst();
    }

    public void markSent(UUID exchangeId, String messageId, Instant now) {
        jdbc.update(
                "UPDATE outbox SET sent_at = ? WHERE exchange_id = ? AND message_id = ? AND sent_at IS NULL",
                Timestamps.utc(now),
                exchangeId,
                messageId);
    }
}
