package org.caseexchange.gateway.exchange;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caseexchange.gateway.database.Timestamps;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Facts;
import org.caseexchange.gateway.rules.Purpose;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The exchange table. A row is written once, in the transaction that decides the message, with the
 * exact bytes of the answer, so that a redelivery finds it and sends the same bytes again; the unique
 * key (partner, direction, message key) makes a second decision for the same message impossible.
 */
public class ExchangeStore {

    private static final String COLUMNS =
            "id, partner_code, direction, message_id, state, received_at, sealed_digest, payload_digest, "
                    + "outcome, reason_code, reply_message_id, reply_kind, reply_sealed, reply_correlation_id, reply_payload_digest, subject_person, review_elements, legal_basis, "
                    + "query_purpose, query_requested, query_justified";

    private final JdbcTemplate jdbc;

    public ExchangeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the row; a concurrent delivery of the same message makes this throw {@code DuplicateKeyException}. */
    public void insert(ExchangeRecord row, Instant now) {
        Optional<ExchangeRecord.Reply> reply = row.reply();
        Optional<Facts.Query> query = Optional.ofNullable(row.reviewQuery());
        jdbc.update(
                "INSERT INTO exchange (" + COLUMNS
                        + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.id(),
                row.partner(),
                row.direction().name(),
                row.messageKey(),
                row.state().name(),
                Timestamps.utc(row.receivedAt()),
                row.sealedDigest(),
                row.payloadDigest(),
                row.outcome() == null ? null : row.outcome().name(),
                row.reasonCode() == null ? null : row.reasonCode().name(),
                reply.map(ExchangeRecord.Reply::messageId).orElse(null),
                reply.map(r -> r.kind().rootElement()).orElse(null),
                reply.map(ExchangeRecord.Reply::sealed).orElse(null),
                reply.map(ExchangeRecord.Reply::correlationId).orElse(null),
                reply.map(ExchangeRecord.Reply::payloadDigest).orElse(null),
                row.subjectPerson(),
                row.review().isEmpty()
                        ? null
                        : row.reviewElements().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                row.legalBasis(),
                query.map(q -> q.purpose().name()).orElse(null),
                query.map(q -> q.requested().stream().map(Enum::name).collect(Collectors.joining(",")))
                        .orElse(null),
                query.map(Facts.Query::hasJustification).orElse(null),
                Timestamps.utc(now));
    }

    public Optional<ExchangeRecord> find(UUID id) {
        // A partner's message, not one of ours: an id guessed for another kind of exchange finds nothing.
        return first(jdbc.query(
                "SELECT " + COLUMNS + " FROM exchange WHERE id = ? AND direction LIKE 'INBOUND%'", this::row, id));
    }

    /** The message with exactly these bytes from this partner on this direction, if one was processed. */
    public Optional<ExchangeRecord> findBySealedBytes(
            String partner, ExchangeRecord.Direction direction, String sealedDigest) {
        return first(jdbc.query(
                "SELECT " + COLUMNS + " FROM exchange WHERE partner_code = ? AND sealed_digest = ? AND direction = ?",
                this::row,
                partner,
                sealedDigest,
                direction.name()));
    }

    public Optional<ExchangeRecord> findByMessageKey(
            String partner, ExchangeRecord.Direction direction, String messageKey) {
        return first(jdbc.query(
                "SELECT " + COLUMNS + " FROM exchange WHERE partner_code = ? AND direction = ? AND message_id = ?",
                this::row,
                partner,
                direction.name(),
                messageKey));
    }

    public List<ExchangeRecord> inState(ExchangeRecord.State state) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM exchange WHERE state = ? ORDER BY received_at", this::row, state.name());
    }

    /**
     * Moves a pending case to REVIEWED; false when it was not pending (already reviewed by someone else).
     *
     * @param person the person an approval released data about (the one the officer confirmed where
     *     matching found no single person); null for a refusal, which leaves the row's as it was
     */
    public boolean markReviewed(
            UUID id,
            String outcome,
            UUID person,
            String officer,
            String supervisor,
            String justification,
            Instant now) {
        return jdbc.update(
                        "UPDATE exchange SET state = ?, outcome = ?, subject_person = COALESCE(?, subject_person),"
                                + " reviewed_by = ?, confirmed_by = ?, review_justification = ?, reviewed_at = ?,"
                                + " updated_at = ? WHERE id = ? AND state = ?",
                        ExchangeRecord.State.REVIEWED.name(),
                        outcome,
                        person,
                        officer,
                        supervisor,
                        justification,
                        Timestamps.utc(now),
                        Timestamps.utc(now),
                        id,
                        ExchangeRecord.State.PENDING_REVIEW.name())
                == 1;
    }

    /** A reply of ours that a partner's receipt names, locked, with whether it was acknowledged before. */
    public record Acknowledgeable(UUID exchangeId, String payloadDigest, boolean acknowledged) {}

    /** The reply we sent this partner with this messageId, locked for the receipt that acknowledges it. */
    public Optional<Acknowledgeable> lockReply(String partner, String messageId) {
        return first(jdbc.query(
                "SELECT id, reply_payload_digest, reply_acknowledged_at FROM exchange WHERE partner_code = ?"
                        + " AND reply_message_id = ? FOR UPDATE",
                (rs, n) -> new Acknowledgeable(
                        rs.getObject("id", UUID.class),
                        trim(rs.getString("reply_payload_digest")),
                        rs.getObject("reply_acknowledged_at") != null),
                partner,
                messageId));
    }

    public void replyAcknowledged(UUID exchangeId, Instant now) {
        jdbc.update(
                "UPDATE exchange SET reply_acknowledged_at = ? WHERE id = ? AND reply_acknowledged_at IS NULL",
                Timestamps.utc(now),
                exchangeId);
    }

    private ExchangeRecord row(ResultSet rs, int rowNum) throws SQLException {
        String replyId = rs.getString("reply_message_id");
        Optional<ExchangeRecord.Reply> reply = replyId == null
                ? Optional.empty()
                : Optional.of(new ExchangeRecord.Reply(
                        replyId,
                        kindOf(rs.getString("reply_kind")),
                        rs.getBytes("reply_sealed"),
                        rs.getString("reply_correlation_id"),
                        trim(rs.getString("reply_payload_digest"))));
        ExchangeRecord.Arrival arrival = new ExchangeRecord.Arrival(
                rs.getObject("id", UUID.class),
                rs.getString("partner_code"),
                ExchangeRecord.Direction.valueOf(rs.getString("direction")),
                rs.getString("message_id"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                trim(rs.getString("sealed_digest")),
                trim(rs.getString("payload_digest")));
        String outcome = rs.getString("outcome");
        String reasonCode = rs.getString("reason_code");
        Facts.Query query = reviewQuery(rs);
        Optional<ExchangeRecord.Review> review = query == null
                ? Optional.empty()
                : Optional.of(new ExchangeRecord.Review(
                        Optional.ofNullable(rs.getObject("subject_person", UUID.class)),
                        elements(rs.getString("review_elements")),
                        query));
        return new ExchangeRecord(
                arrival,
                ExchangeRecord.State.valueOf(rs.getString("state")),
                outcome == null ? null : ExchangeRecord.Outcome.valueOf(outcome),
                reasonCode == null ? null : ReasonCode.valueOf(reasonCode),
                reply,
                rs.getString("legal_basis"),
                review);
    }

    private static java.util.Set<DataElement> elements(String joined) {
        if (joined == null || joined.isBlank()) {
            return java.util.Set.of();
        }
        return Arrays.stream(joined.split(","))
                .map(DataElement::valueOf)
                .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(DataElement.class)));
    }

    /** The query kept with a case waiting for review; null for every other row. */
    private static Facts.Query reviewQuery(ResultSet rs) throws SQLException {
        String purpose = rs.getString("query_purpose");
        if (purpose == null) {
            return null;
        }
        String requested = rs.getString("query_requested");
        List<DataElement> elements = requested == null || requested.isBlank()
                ? List.of()
                : Arrays.stream(requested.split(",")).map(DataElement::valueOf).toList();
        return new Facts.Query(
                rs.getString("legal_basis"), Purpose.valueOf(purpose), elements, rs.getBoolean("query_justified"));
    }

    private static MessageKind kindOf(String rootElement) {
        return MessageKind.ofRootElement(rootElement)
                .orElseThrow(
                        () -> new IllegalStateException("unknown message kind in the exchange table: " + rootElement));
    }

    private static String trim(String fixed) {
        return fixed == null ? null : fixed.strip();
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.stream().findFirst();
    }
}
