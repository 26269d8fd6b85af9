package org.caseexchange.gateway.web.api;

import java.util.List;
import java.util.UUID;
import org.caseexchange.gateway.exchange.outbound.OurQueries;
import org.caseexchange.gateway.web.ConsoleUser;
import org.caseexchange.gateway.web.desk.OfficerDesk;
import org.caseexchange.gateway.web.desk.QueryForm;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Our officers' queries for case-management systems: the same desk, permissions and entries as the pages. */
@RestController
class QueryApi {

    /** What the rules decided, and the messageId the query leaves with when it does. */
    record Asked(UUID exchangeId, OurQueries.State state, String refusal, String messageId) {
        static Asked of(OurQueries.Outcome outcome) {
            return new Asked(
                    outcome.exchangeId(),
                    outcome.state(),
                    outcome.decision().refusal() == null
                            ? null
                            : outcome.decision().refusal().name(),
                    outcome.messageId().orElse(null));
        }
    }

    private final OfficerDesk desk;

    QueryApi(OfficerDesk desk) {
        this.desk = desk;
    }

    @PostMapping("/api/queries/preview")
    OfficerDesk.Preview preview(@RequestBody QueryForm form, Authentication authentication) {
        return desk.preview(form.toQuery(ConsoleUser.of(authentication).name()));
    }

    @PostMapping("/api/queries")
    Asked ask(@RequestBody QueryForm form, Authentication authentication) {
        ConsoleUser officer = ConsoleUser.of(authentication);
        return Asked.of(desk.ask(form.toQuery(officer.name()), officer));
    }

    /** Proposes a proactive disclosure; it waits for a supervisor unless the rules refuse it. */
    @PostMapping("/api/queries/disclosures")
    Asked propose(@RequestBody org.caseexchange.gateway.web.desk.DisclosureForm form, Authentication authentication) {
        ConsoleUser officer = ConsoleUser.of(authentication);
        return Asked.of(desk.propose(form.toDisclosure(officer.name()), officer));
    }

    @GetMapping("/api/queries")
    List<OfficerDesk.Mine> mine(Authentication authentication) {
        return desk.mine(ConsoleUser.of(authentication));
    }

    @GetMapping("/api/queries/{id}")
    OfficerDesk.Mine one(@PathVariable("id") UUID id, Authentication authentication) {
        return desk.one(id, ConsoleUser.of(authentication));
    }

    /** The partner's answers, decrypted; recorded as PERSONAL_DATA_VIEWED. */
    @GetMapping("/api/queries/{id}/answers")
    List<OfficerDesk.Answer> answers(@PathVariable("id") UUID id, Authentication authentication) {
        return desk.answers(id, ConsoleUser.of(authentication));
    }

    @PostMapping("/api/queries/{id}/resend")
    void resend(@PathVariable("id") UUID id, Authentication authentication) {
        desk.resend(id, ConsoleUser.of(authentication));
    }

    @GetMapping("/api/confirmations")
    List<OfficerDesk.Mine> awaitingConfirmation() {
        return desk.awaitingConfirmation();
    }

    @PostMapping("/api/confirmations/{id}")
    Asked confirm(@PathVariable("id") UUID id, Authentication authentication) {
        return Asked.of(desk.confirm(id, ConsoleUser.of(authentication)));
    }
}
