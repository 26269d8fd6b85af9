package org.caseexchange.gateway.web.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.exchange.review.ReviewDecisions;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.web.ConsoleUser;
import org.caseexchange.gateway.web.desk.ReviewDesk;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The review queue for case-management systems: the same desk and permissions as the pages. */
@RestController
class ReviewApi {

    /**
     * An officer's proposal: the elements to release, with the candidate confirmed as the person asked
     * about where matching found no single person, or a refusal code; a justification either way. No
     * other field is taken.
     */
    record ProposalRequest(
            Set<DataElement> approve,
            UUID person,
            ReasonCode refuse,
            @NotBlank @Size(max = 2000) String justification) {}

    record RejectionRequest(@NotBlank @Size(max = 2000) String justification) {}

    private final ReviewDesk desk;

    ReviewApi(ReviewDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/api/reviews")
    List<ReviewDesk.ReviewCase> queue() {
        return desk.queue();
    }

    @GetMapping("/api/reviews/{id}")
    ReviewDesk.ReviewCase open(@PathVariable("id") UUID id) {
        return desk.open(id);
    }

    @PostMapping("/api/reviews/{id}/proposal")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void propose(
            @PathVariable("id") UUID id, @Valid @RequestBody ProposalRequest request, Authentication authentication) {
        desk.propose(
                id,
                ConsoleUser.of(authentication),
                request.approve() == null ? Set.of() : request.approve(),
                request.person(),
                request.refuse(),
                request.justification());
    }

    @PostMapping("/api/reviews/{id}/confirmation")
    ReviewDecisions.Completed confirm(@PathVariable("id") UUID id, Authentication authentication) {
        return desk.confirm(id, ConsoleUser.of(authentication));
    }

    @PostMapping("/api/reviews/{id}/rejection")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reject(
            @PathVariable("id") UUID id, @Valid @RequestBody RejectionRequest request, Authentication authentication) {
        desk.reject(id, ConsoleUser.of(authentication), request.justification());
    }
}
