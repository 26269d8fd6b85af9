package org.caseexchange.gateway.exchange.outbound;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caseexchange.gateway.database.Timestamps;
import org.caseexchange.gateway.exchange.ExchangeCounts;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Facts;
import org.caseexchange.gateway.rules.OutgoingDecision;
import org.caseexchange.gateway.rules.Purpose;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Our queries' rows in the exchange table (direction {@code OUTBOUND_QUERY}, keyed by the messageId we
 * send them with), written in the transaction that decides them.
 */
class OurExchanges {

    static final String DIRECTION = "OUTBOUND_QUERY";

    /** What a confirmation needs of a waiting query. */
    record Row(UUID id, String partner, String requestedBy) {}

    /**
     * A query of ours that left, as its answers are checked against it.
     *
     * @param payloadDigest the SHA-256 of the payload we signed, which the partner's answer quotes back
     * @param partnerAnswerId the messageId of the partner's latest answer, or null before the first
     */
    record Sent(UUID id, OurQueries.State state, String payloadDigest, String legalBasis, String partnerAnswerId) {}

    private final JdbcTemplate jdbc;
    private final ExchangeCounts counts;

    OurExchanges(JdbcTemplate jdbc, ExchangeCounts counts) {
        this.jdbc = jdbc;
        this.counts = counts;
    }

    void insert(
            UUID id,
            String partner,
            String messageId,
            OurQueries.State state,
            OutgoingDecision decision,
            Facts.Query query,
            String officer,
            Instant now) {
        jdbc.update(
                "INSERT INTO exchange (id, partner_code, direction, message_id, state, received_at, updated_at, outcome,"
                        + " reason_code, legal_basis, query_purpose, query_requested, query_justified, requested_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                partner,
                DIRECTION,
                messageId,
                state.name(),
                Timestamps.utc(now),
                Timestamps.utc(now),
                decision.outcome().name(),
                decision.refusal() == null ? null : decision.refusal().name(),
                query.legalBasis(),
                query.purpose().name(),
                decision.asked().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                query.hasJustification(),
                officer);
        counts.count(
                DIRECTION,
                partner,
                query.legalBasis(),
                state.name(),
                decision.refusal() == null ? null : decision.refusal().name());
    }

    static final String DISCLOSURE = "OUTBOUND_DISCLOSURE";

    /** What a confirmation needs of a waiting disclosure. */
    record ProposedDisclosure(
            UUID id,
            String partner,
            String messageId,
            String requestedBy,
            String legalBasis,
            Purpose purpose,
            UUID person,
            java.util.Set<DataElement> elements) {}

    void insertDisclosure(
            UUID id,
            String messageId,
            OurDisclosure disclosure,
            OurQueries.State state,
            OutgoingDecision decision,
            Instant now) {
        jdbc.update(
                "INSERT INTO exchange (id, partner_code, direction, message_id, state, received_at, updated_at, outcome,"
                        + " reason_code, legal_basis, query_purpose, query_requested, query_justified, requested_by,"
                        + " subject_person, sender_reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                disclosure.partner(),
                DISCLOSURE,
                messageId,
                state.name(),
                Timestamps.utc(now),
                Timestamps.utc(now),
                decision.outcome().name(),
                decision.refusal() == null ? null : decision.refusal().name(),
                disclosure.legalBasis(),
                disclosure.purpose().name(),
                disclosure.elements().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                disclosure.justified(),
                disclosure.officer(),
                disclosure.person(),
                disclosure.caseReference());
        counts.count(
                DISCLOSURE,
                disclosure.partner(),
                disclosure.legalBasis(),
                state.name(),
                decision.refusal() == null ? null : decision.refusal().name());
    }

    Optional<ProposedDisclosure> lockProposedDisclosure(UUID id) {
        return jdbc
                .query(
                        "SELECT * FROM exchange WHERE id = ? AND direction = ? AND state = ? FOR UPDATE",
                        (rs, n) -> new ProposedDisclosure(
                                rs.getObject("id", UUID.class),
                                rs.getString("partner_code"),
                                rs.getString("message_id"),
                                rs.getString("requested_by"),
                                rs.getString("legal_basis"),
                                Purpose.valueOf(rs.getString("query_purpose")),
                                rs.getObject("subject_person", UUID.class),
                                java.util.Arrays.stream(
                                                rs.getString("query_requested").split(","))
                                        .filter(e -> !e.isBlank())
                                        .map(DataElement::valueOf)
                                        .collect(Collectors.toSet())),
                        id,
                        DISCLOSURE,
                        OurQueries.State.AWAITING_CONFIRMATION.name())
                .stream()
                .findFirst();
    }

    /** The disclosure's case reference, which a confirmation writes into the message. */
    String senderReference(UUID id) {
        return jdbc.queryForObject("SELECT sender_reference FROM exchange WHERE id = ?", String.class, id);
    }

    /** The query, locked for the rest of the transaction, if it waits for confirmation. */
    Optional<Row> lockAwaiting(UUID id) {
        return jdbc
                .query(
                        "SELECT id, partner_code, requested_by FROM exchange WHERE id = ? AND direction = ? AND state = ?"
                                + " FOR UPDATE",
                        (rs, n) -> new Row(
                                rs.getObject("id", UUID.class),
                                rs.getString("partner_code"),
                                rs.getString("requested_by")),
                        id,
                        DIRECTION,
                        OurQueries.State.AWAITING_CONFIRMATION.name())
                .stream()
                .findFirst();
    }

    void confirmed(UUID id, OurQueries.State state, OutgoingDecision decision, String officer, Instant now) {
        jdbc.update(
                "UPDATE exchange SET state = ?, outcome = ?, reason_code = ?, confirmed_by = ?, updated_at = ? WHERE id = ?",
                state.name(),
                decision.outcome().name(),
                decision.refusal() == null ? null : decision.refusal().name(),
                officer,
                Timestamps.utc(now),
                id);
    }

    /** Records the digest of what was sealed, for the partner's answer to quote. */
    void sealed(UUID id, String payloadDigest) {
        jdbc.update("UPDATE exchange SET payload_digest = ? WHERE id = ?", payloadDigest, id);
    }

    /** The query of ours to this partner that left with this messageId, locked for the answer's transaction. */
    Optional<Sent> lockSent(String partner, String messageId) {
        return jdbc
                .query(
                        "SELECT id, state, payload_digest, legal_basis, partner_answer_id FROM exchange"
                                + " WHERE partner_code = ? AND direction = ? AND message_id = ? AND payload_digest IS NOT NULL"
                                + " FOR UPDATE",
                        (rs, n) -> new Sent(
                                rs.getObject("id", UUID.class),
                                OurQueries.State.valueOf(rs.getString("state")),
                                rs.getString("payload_digest").strip(),
                                rs.getString("legal_basis"),
                                rs.getString("partner_answer_id")),
                        partner,
                        DIRECTION,
                        messageId)
                .stream()
                .findFirst();
    }

    void answered(UUID id, OurQueries.State state, String decision, String reasonCode, String answerId, Instant now) {
        jdbc.update(
                "UPDATE exchange SET state = ?, partner_decision = ?, partner_reason_code = ?, partner_answer_id = ?,"
                        + " updated_at = ? WHERE id = ?",
                state.name(),
                decision,
                reasonCode,
                answerId,
                Timestamps.utc(now),
                id);
    }

    /** The partner of a query of ours that is queued or sent and not answered, locked for the transaction. */
    Optional<String> lockUnanswered(UUID id) {
        return jdbc
                .queryForList(
                        "SELECT partner_code FROM exchange WHERE id = ? AND direction = ? AND state = ?"
                                + " AND partner_answer_id IS NULL FOR UPDATE",
                        String.class,
                        id,
                        DIRECTION,
                        OurQueries.State.QUEUED.name())
                .stream()
                .findFirst();
    }

    /** Our queries that left before {@code sentBefore} and that the partner has not answered, oldest first. */
    java.util.List<OurQueries.Overdue> unansweredSince(Instant sentBefore) {
        return jdbc.query(
                "SELECT e.id, e.partner_code, o.sent_at FROM exchange e JOIN outbox o ON o.exchange_id = e.id"
                        + " WHERE e.direction = ? AND e.state = ? AND e.partner_answer_id IS NULL AND o.sent_at < ?"
                        + " ORDER BY o.sent_at",
                (rs, n) -> new OurQueries.Overdue(
                        rs.getObject("id", UUID.class),
                        rs.getString("partner_code"),
                        rs.getObject("sent_at", java.time.OffsetDateTime.class).toInstant()),
                DIRECTION,
                OurQueries.State.QUEUED.name(),
                Timestamps.utc(sentBefore));
    }

    /** The query's state now, for the officer's view. */
    Optional<OurQueries.State> state(UUID id) {
        return jdbc
                .queryForList("SELECT state FROM exchange WHERE id = ? AND direction = ?", String.class, id, DIRECTION)
                .stream()
                .findFirst()
                .map(OurQueries.State::valueOf);
    }
}
