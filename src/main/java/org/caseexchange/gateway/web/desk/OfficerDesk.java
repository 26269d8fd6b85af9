package org.caseexchange.gateway.web.desk;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.evidence.ReceivedAnswers;
import org.caseexchange.gateway.exchange.outbound.OurDisclosure;
import org.caseexchange.gateway.exchange.outbound.OurDisclosures;
import org.caseexchange.gateway.exchange.outbound.OurQueries;
import org.caseexchange.gateway.exchange.outbound.OurQuery;
import org.caseexchange.gateway.protocol.DecodedMessage;
import org.caseexchange.gateway.protocol.MessageKind;
import org.caseexchange.gateway.protocol.ProtocolCodec;
import org.caseexchange.gateway.protocol.ProtocolException;
import org.caseexchange.gateway.protocol.xml.CaseResponse;
import org.caseexchange.gateway.protocol.xml.FinalResponse;
import org.caseexchange.gateway.protocol.xml.Released;
import org.caseexchange.gateway.protocol.xml.ReleasedIdentity;
import org.caseexchange.gateway.rules.CaveatCode;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Decision;
import org.caseexchange.gateway.rules.OutgoingDecision;
import org.caseexchange.gateway.rules.Rule;
import org.caseexchange.gateway.rules.RuleSet;
import org.caseexchange.gateway.trust.Partner;
import org.caseexchange.gateway.trust.PartnerDirectory;
import org.caseexchange.gateway.web.ConsoleUser;
import org.caseexchange.gateway.web.account.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Our officers' queries and proactive disclosures to a partner: the rules' answer before anything is
 * sent, the query or proposal itself, the officer's own exchanges with the partner's answers, a resend
 * of a query gone unanswered, and a supervisor's confirmation of what the rules sent to one. An officer sees only their own exchanges:
 * another's id is answered as not found, and recorded.
 */
public class OfficerDesk {

    /** What the rules would decide, as the officer is shown it before sending. */
    public record Preview(
            String outcome,
            String refusal,
            Set<DataElement> asked,
            Set<DataElement> withheld,
            boolean documentsSent,
            List<ReviewDesk.CitedRule> citedRules) {}

    /** One of the officer's exchanges as their list shows it. */
    public record Mine(
            UUID id,
            String direction,
            String partner,
            String annex,
            String purpose,
            String state,
            String partnerDecision,
            String partnerReasonCode,
            Instant askedAt) {}

    /** A partner's answer, decrypted for the officer who asked, with its caveats and what they ask. */
    public record Answer(
            String kind,
            String decision,
            Instant receivedAt,
            List<Caveat> caveats,
            List<String> released,
            String document) {
        @Override
        public String toString() {
            return "Answer[" + kind + " " + decision + "]";
        }
    }

    /** A caveat on an answer: its code, the handling that code asks, and the partner's own words. */
    public record Caveat(String code, String handling, String partnersText) {}

    private final OurQueries queries;
    private final OurDisclosures disclosures;
    private final ProtocolCodec codec;
    private final PartnerDirectory partners;
    private final ReceivedAnswers answers;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Map<String, Rule> rules;

    public OfficerDesk(
            OurQueries queries,
            OurDisclosures disclosures,
            ProtocolCodec codec,
            PartnerDirectory partners,
            ReceivedAnswers answers,
            JdbcTemplate jdbc,
            AuditLog audit,
            TransactionTemplate transactions,
            RuleSet ruleSet) {
        this.queries = queries;
        this.disclosures = disclosures;
        this.codec = codec;
        this.partners = partners;
        this.answers = answers;
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
        this.rules = ruleSet.rules().stream().collect(Collectors.toMap(Rule::id, Function.identity(), (a, b) -> a));
    }

    public List<Partner> partners() {
        return partners.all();
    }

    public Preview preview(OurQuery query) {
        try {
            return previewOf(queries.preview(query));
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        } catch (ProtocolException e) {
            throw new Refused(
                    "the query cannot be written as the protocol asks (" + e.reason() + "): check its fields");
        }
    }

    public OurQueries.Outcome ask(OurQuery query, ConsoleUser officer) {
        require(officer, Role.OFFICER);
        if (!query.officer().equals(officer.name())) {
            throw new Refused("a query is asked in the name of the officer signed in");
        }
        try {
            return queries.ask(query);
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        } catch (ProtocolException e) {
            throw new Refused(
                    "the query cannot be written as the protocol asks (" + e.reason() + "): check its fields");
        }
    }

    /** The officer's own queries, newest first. */
    public List<Mine> mine(ConsoleUser officer) {
        return jdbc.query(
                "SELECT * FROM exchange WHERE direction IN ('OUTBOUND_QUERY', 'OUTBOUND_DISCLOSURE')"
                        + " AND requested_by = ? ORDER BY received_at DESC LIMIT 200",
                (rs, n) -> mine(rs),
                officer.name());
    }

    /** One of the officer's queries; another officer's is not found, and the attempt is recorded. */
    public Mine one(UUID exchangeId, ConsoleUser officer) {
        List<Mine> found = jdbc.query(
                "SELECT * FROM exchange WHERE id = ? AND direction IN ('OUTBOUND_QUERY', 'OUTBOUND_DISCLOSURE')"
                        + " AND requested_by = ?",
                (rs, n) -> mine(rs),
                exchangeId,
                officer.name());
        if (found.isEmpty()) {
            throw new NotFound(exchangeId);
        }
        return found.get(0);
    }

    /** The partner's answers to one of the officer's queries: reading them is a PERSONAL_DATA_VIEWED entry. */
    public List<Answer> answers(UUID exchangeId, ConsoleUser officer) {
        Mine query = one(exchangeId, officer);
        List<ReceivedAnswers.Answer> kept = answers.toQuery(exchangeId);
        if (!kept.isEmpty()) {
            transactions.executeWithoutResult(status ->
                    audit.record(AuditEvent.of(AuditEventType.PERSONAL_DATA_VIEWED, exchangeId, query.partner())
                            .by(officer.name())));
        }
        return kept.stream().map(this::answer).toList();
    }

    public void resend(UUID exchangeId, ConsoleUser officer) {
        one(exchangeId, officer);
        try {
            queries.resend(exchangeId, officer.name());
        } catch (OurQueries.ConfirmationRefused e) {
            throw new Refused(e.getMessage());
        }
    }

    /** Our queries the rules sent for a second officer's confirmation, oldest first. */
    public List<Mine> awaitingConfirmation() {
        return jdbc.query(
                "SELECT * FROM exchange WHERE direction IN ('OUTBOUND_QUERY', 'OUTBOUND_DISCLOSURE')"
                        + " AND state = 'AWAITING_CONFIRMATION' ORDER BY received_at",
                (rs, n) -> mine(rs));
    }

    /** Confirms one of ours that waits for a supervisor: a query or a proactive disclosure. */
    public OurQueries.Outcome confirm(UUID exchangeId, ConsoleUser supervisor) {
        require(supervisor, Role.SUPERVISOR);
        List<String> direction = jdbc.queryForList(
                "SELECT direction FROM exchange WHERE id = ? AND state = 'AWAITING_CONFIRMATION'",
                String.class,
                exchangeId);
        if (direction.isEmpty()) {
            throw new NotFound(exchangeId);
        }
        try {
            return "OUTBOUND_DISCLOSURE".equals(direction.get(0))
                    ? disclosures.confirm(exchangeId, supervisor.name())
                    : queries.confirm(exchangeId, supervisor.name());
        } catch (OurQueries.ConfirmationRefused e) {
            throw new Refused(e.getMessage());
        }
    }

    /**
     * An officer proposes a proactive disclosure of a person in our case data. The rules decide at once;
     * one they do not refuse always waits for a supervisor before anything leaves.
     */
    public OurQueries.Outcome propose(OurDisclosure disclosure, ConsoleUser officer) {
        require(officer, Role.OFFICER);
        if (!disclosure.officer().equals(officer.name())) {
            throw new Refused("a disclosure is proposed in the name of the officer signed in");
        }
        try {
            return disclosures.propose(disclosure);
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
    }

    private Preview previewOf(OutgoingDecision decision) {
        return new Preview(
                decision.outcome().name(),
                decision.refusal() == null ? null : decision.refusal().name(),
                decision.asked(),
                decision.withheld(),
                decision.documentsSent(),
                decision.citations().stream().map(this::cite).toList());
    }

    private ReviewDesk.CitedRule cite(Decision.Citation citation) {
        Rule rule = rules.get(citation.ruleId());
        String source = citation.source() != null ? citation.source() : rule == null ? "" : rule.source();
        String title = citation.title() != null ? citation.title() : rule == null ? "" : rule.title();
        return new ReviewDesk.CitedRule(citation.ruleId(), title, source);
    }

    private Answer answer(ReceivedAnswers.Answer kept) {
        DecodedMessage decoded = codec.decode(kept.document());
        Released released = null;
        List<org.caseexchange.gateway.protocol.xml.WireCaveat> caveats = List.of();
        if (decoded.kind() == MessageKind.CASE_RESPONSE) {
            CaseResponse response = decoded.as(CaseResponse.class);
            released = response.getReleased();
            caveats = response.getCaveat();
        } else if (decoded.kind() == MessageKind.FINAL_RESPONSE) {
            FinalResponse response = decoded.as(FinalResponse.class);
            released = response.getReleased();
            caveats = response.getCaveat();
        }
        Map<String, String> partnersWords = new java.util.LinkedHashMap<>();
        for (var caveat : caveats) {
            partnersWords.putIfAbsent(caveat.getCode().value(), caveat.getValue());
        }
        return new Answer(
                kept.kind(),
                kept.decision(),
                kept.receivedAt(),
                kept.caveats().stream()
                        .map(code -> caveat(code, partnersWords.get(code)))
                        .toList(),
                lines(released),
                new String(kept.document(), StandardCharsets.UTF_8));
    }

    /** What was released, one line per fact, as the officer reads it. */
    private static List<String> lines(Released released) {
        List<String> lines = new java.util.ArrayList<>();
        if (released == null) {
            return lines;
        }
        ReleasedIdentity identity = released.getIdentity();
        if (identity != null) {
            for (var name : identity.getName()) {
                lines.add("Name: " + name.getFamilyName()
                        + (name.getGivenNames() == null ? "" : ", " + name.getGivenNames()));
            }
            if (identity.getDateOfBirth() != null) {
                lines.add("Date of birth: " + identity.getDateOfBirth());
            }
            if (identity.getSex() != null) {
                lines.add("Sex: " + identity.getSex().value());
            }
            identity.getNationality().forEach(nationality -> lines.add("Nationality: " + nationality));
        }
        if (released.getImmigrationStatus() != null
                && released.getImmigrationStatus().getStatus() != null) {
            lines.add("Immigration status: "
                    + released.getImmigrationStatus().getStatus().value());
        }
        if (!released.getPriorDecision().isEmpty()) {
            lines.add("Prior decisions: " + released.getPriorDecision().size());
        }
        if (!released.getDocumentRecord().isEmpty()) {
            lines.add("Document records: " + released.getDocumentRecord().size());
        }
        if (!released.getAlert().isEmpty()) {
            lines.add("Alerts: " + released.getAlert().size());
        }
        return lines;
    }

    private static Caveat caveat(String code, String partnersText) {
        Optional<CaveatCode> known = java.util.Arrays.stream(CaveatCode.values())
                .filter(c -> c.name().equals(code))
                .findFirst();
        return new Caveat(
                code,
                known.map(CaveatCode::handling).orElse("a caveat this gateway does not know: ask the partner"),
                partnersText);
    }

    private static Mine mine(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp asked = rs.getTimestamp("received_at");
        return new Mine(
                rs.getObject("id", UUID.class),
                rs.getString("direction"),
                rs.getString("partner_code"),
                rs.getString("legal_basis"),
                rs.getString("query_purpose"),
                rs.getString("state"),
                rs.getString("partner_decision"),
                rs.getString("partner_reason_code"),
                asked == null ? null : asked.toInstant());
    }

    private static void require(ConsoleUser user, Role role) {
        if (!user.holds(role)) {
            throw new Refused("this needs the " + role + " role");
        }
    }
}
