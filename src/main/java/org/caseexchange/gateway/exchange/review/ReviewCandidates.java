package org.caseexchange.gateway.exchange.review;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.caseexchange.gateway.casedata.PersonMatcher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The persons a query sent to review may be about, as matching scored them, best first: kept with the
 * case so that an officer confirms a possible match from them, and only from them, and so that an
 * auditor sees what the choice was made among. Internal ids and scores only.
 */
public class ReviewCandidates {

    private final JdbcTemplate jdbc;

    public ReviewCandidates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the candidates of a case sent to review, in the transaction that writes its exchange row. */
    public void keep(UUID exchangeId, List<PersonMatcher.Scored> candidates) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            PersonMatcher.Scored candidate = candidates.get(i);
            rows.add(new Object[] {
                exchangeId,
                i,
                candidate.person(),
                candidate.score(),
                candidate.name(),
                candidate.dateOfBirth(),
                candidate.document(),
                candidate.sex(),
                candidate.nationality()
            });
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(
                    "INSERT INTO review_candidate (exchange_id, ordinal, person_id, score, name_score, birth_score,"
                            + " document_score, sex_score, nationality_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows);
        }
    }

    /** The candidates kept with a case, best first; empty for a case with none (or kept before they were). */
    public List<PersonMatcher.Scored> of(UUID exchangeId) {
        return jdbc.query(
                "SELECT * FROM review_candidate WHERE exchange_id = ? ORDER BY ordinal",
                (rs, n) -> new PersonMatcher.Scored(
                        rs.getObject("person_id", UUID.class),
                        rs.getDouble("score"),
                        rs.getDouble("name_score"),
                        rs.getDouble("birth_score"),
                        rs.getDouble("document_score"),
                        rs.getDouble("sex_score"),
                        rs.getDouble("nationality_score")),
                exchangeId);
    }
}
