package org.caseexchange.gateway.web.desk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.caseexchange.gateway.audit.AuditEntry;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.audit.DecisionSummary;
import org.caseexchange.gateway.casedata.PersonMatcher;
import org.caseexchange.gateway.exchange.ExchangeRecord;
import org.caseexchange.gateway.exchange.ExchangeStore;
import org.caseexchange.gateway.exchange.review.ReviewDecisions;
import org.caseexchange.gateway.exchange.review.ReviewVerdict;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Rule;
import org.caseexchange.gateway.rules.RuleSet;
import org.caseexchange.gateway.web.ConsoleUser;
import org.caseexchange.gateway.web.account.Role;

/**
 * The review queue as officers and supervisors work it: the cases the rules sent to review, why, what
 * the rules propose, and the proposal waiting for a supervisor. Pages and API both call this.
 */
public class ReviewDesk {

    /** A rule the decision cited, with the legal source it stands on. */
    public record CitedRule(String id, String title, String source) {}

    /** A proposal as the queue shows it; {@code person} is the candidate the officer confirmed, if one was. */
    public record Proposal(
            String proposedBy,
            Set<DataElement> approved,
            Optional<UUID> person,
            ReasonCode refusal,
            String justification) {}

    /**
     * A person the case may be about, with the score matching gave each part (0 to 1; 0.5 where the
     * query or the record does not say).
     */
    public record Candidate(
            UUID person,
            double score,
            double name,
            double dateOfBirth,
            double document,
            double sex,
            double nationality) {

        static Candidate of(PersonMatcher.Scored scored) {
            return new Candidate(
                    scored.person(),
                    scored.score(),
                    scored.name(),
                    scored.dateOfBirth(),
                    scored.document(),
                    scored.sex(),
                    scored.nationality());
        }
    }

    /**
     * A case waiting for review. No personal data: persons are named by internal id only.
     *
     * @param matched the person matching found, when it found one; otherwise an approval names one of
     *     the candidates
     * @param candidates the persons the query may be about, best first
     */
    public record ReviewCase(
            UUID exchangeId,
            String partner,
            Instant receivedAt,
            String legalBasis,
            Set<DataElement> proposedElements,
            List<CitedRule> citedRules,
            Optional<UUID> matched,
            List<Candidate> candidates,
            Optional<Proposal> proposal) {}

    /** The codes an officer may refuse with: those of the business rules, which a partner is told. */
    public static final Set<ReasonCode> REFUSALS = Set.of(
            ReasonCode.REFUSED_BY_DOMESTIC_LAW, ReasonCode.NO_RELEASABLE_RECORD, ReasonCode.PURPOSE_NOT_PERMITTED);

    private final ReviewDecisions reviews;
    private final ExchangeStore store;
    private final AuditLog audit;
    private final Map<String, Rule> rules;

    public ReviewDesk(ReviewDecisions reviews, ExchangeStore store, AuditLog audit, RuleSet ruleSet) {
        this.reviews = reviews;
        this.store = store;
        this.audit = audit;
        this.rules = ruleSet.rules().stream().collect(Collectors.toMap(Rule::id, Function.identity(), (a, b) -> a));
    }

    public List<ReviewCase> queue() {
        List<ReviewCase> cases = new ArrayList<>();
        for (ExchangeRecord pending : reviews.pending()) {
            cases.add(caseOf(pending));
        }
        return cases;
    }

    public ReviewCase open(UUID exchangeId) {
        return store.find(exchangeId)
                .filter(row -> row.state() == ExchangeRecord.State.PENDING_REVIEW)
                .map(this::caseOf)
                .orElseThrow(() -> new NotFound(exchangeId));
    }

    /**
     * An officer proposes: the elements to release (about the person matching found, or the candidate
     * {@code person} the officer confirms), or a refusal with its code; a justification either way.
     */
    public void propose(
            UUID exchangeId,
            ConsoleUser officer,
            Set<DataElement> approve,
            UUID person,
            ReasonCode refusal,
            String justification) {
        require(officer, Role.OFFICER);
        open(exchangeId);
        if (refusal != null && !REFUSALS.contains(refusal)) {
            throw new Refused("a review refuses with one of " + REFUSALS);
        }
        ReviewVerdict verdict;
        try {
            verdict = new ReviewVerdict(
                    exchangeId, officer.name(), approve, Optional.ofNullable(person), refusal, justification);
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
        try {
            reviews.propose(verdict);
        } catch (IllegalArgumentException | ReviewDecisions.ReviewRefused e) {
            throw new Refused(e.getMessage());
        }
    }

    public ReviewDecisions.Completed confirm(UUID exchangeId, ConsoleUser supervisor) {
        require(supervisor, Role.SUPERVISOR);
        open(exchangeId);
        try {
            return reviews.confirm(exchangeId, supervisor.name());
        } catch (IllegalArgumentException | ReviewDecisions.ReviewRefused e) {
            throw new Refused(e.getMessage());
        }
    }

    public void reject(UUID exchangeId, ConsoleUser supervisor, String justification) {
        require(supervisor, Role.SUPERVISOR);
        open(exchangeId);
        try {
            reviews.reject(exchangeId, supervisor.name(), justification);
        } catch (IllegalArgumentException | ReviewDecisions.ReviewRefused e) {
            throw new Refused(e.getMessage());
        }
    }

    private ReviewCase caseOf(ExchangeRecord pending) {
        List<CitedRule> cited = audit.entriesOf(pending.id()).stream()
                .filter(entry -> "REVIEW_REQUESTED".equals(entry.event()) && entry.decision() != null)
                .map(AuditEntry::decision)
                .findFirst()
                .map(DecisionSummary::parse)
                .map(summary -> summary.citedRules().stream().map(this::cite).toList())
                .orElse(List.of());
        Optional<Proposal> proposal = reviews.proposal(pending.id())
                .map(v -> new Proposal(v.officer(), v.approved(), v.person(), v.refusal(), v.justification()));
        return new ReviewCase(
                pending.id(),
                pending.partner(),
                pending.receivedAt(),
                pending.legalBasis(),
                pending.reviewElements(),
                cited,
                Optional.ofNullable(pending.subjectPerson()),
                reviews.candidates(pending.id()).stream().map(Candidate::of).toList(),
                proposal);
    }

    private CitedRule cite(String ruleId) {
        Rule rule = rules.get(ruleId);
        return rule == null
                ? new CitedRule(ruleId, "(not in the rule set now in force)", "")
                : new CitedRule(rule.id(), rule.title(), rule.source());
    }

    private static void require(ConsoleUser user, Role role) {
        if (!user.holds(role)) {
            throw new Refused("this needs the " + role + " role");
        }
    }
}
