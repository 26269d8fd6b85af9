package org.caseexchange.gateway.exchange.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caseexchange.gateway.database.Timestamps;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.rules.DataElement;
import org.springframework.jdbc.core.JdbcTemplate;

/** The proposed verdicts that wait for a supervisor: one per case at most. */
class ReviewProposals {

    private final JdbcTemplate jdbc;

    ReviewProposals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the case already has a proposal waiting */
    boolean insert(ReviewVerdict verdict, Instant now) {
        return jdbc.update(
                        "INSERT INTO review_proposal (exchange_id, proposed_by, approved, person_id, refusal,"
                                + " justification, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (exchange_id) DO NOTHING",
                        verdict.exchangeId(),
                        verdict.officer(),
                        verdict.approved().isEmpty()
                                ? null
                                : verdict.approved().stream()
                                        .map(Enum::name)
                                        .sorted()
                                        .collect(Collectors.joining(",")),
                        verdict.person().orElse(null),
                        verdict.refusal() == null ? null : verdict.refusal().name(),
                        verdict.justification(),
                        Timestamps.utc(now))
                == 1;
    }

    Optional<ReviewVerdict> find(UUID exchangeId) {
        return jdbc
                .query("SELECT * FROM review_proposal WHERE exchange_id = ?", ReviewProposals::verdict, exchangeId)
                .stream()
                .findFirst();
    }

    /** The proposal, locked until the caller's transaction ends, so that two supervisors cannot both act on it. */
    Optional<ReviewVerdict> lock(UUID exchangeId) {
        return jdbc
                .query(
                        "SELECT * FROM review_proposal WHERE exchange_id = ? FOR UPDATE",
                        ReviewProposals::verdict,
                        exchangeId)
                .stream()
                .findFirst();
    }

    List<ReviewVerdict> all() {
        return jdbc.query("SELECT * FROM review_proposal ORDER BY proposed_at", ReviewProposals::verdict);
    }

    void remove(UUID exchangeId) {
        jdbc.update("DELETE FROM review_proposal WHERE exchange_id = ?", exchangeId);
    }

    private static ReviewVerdict verdict(ResultSet rs, int row) throws SQLException {
        String approved = rs.getString("approved");
        String refusal = rs.getString("refusal");
        Set<DataElement> elements = approved == null
                ? Set.of()
                : Arrays.stream(approved.split(","))
                        .map(DataElement::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(DataElement.class)));
        return new ReviewVerdict(
                rs.getObject("exchange_id", UUID.class),
                rs.getString("proposed_by"),
                elements,
                Optional.ofNullable(rs.getObject("person_id", UUID.class)),
                refusal == null ? null : ReasonCode.valueOf(refusal),
                rs.getString("justification"));
    }
}
