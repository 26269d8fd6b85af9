package org.caseexchange.gateway.web.page;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.exchange.review.ReviewDecisions;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.web.ConsoleUser;
import org.caseexchange.gateway.web.desk.Refused;
import org.caseexchange.gateway.web.desk.ReviewDesk;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The review queue: officers propose, supervisors confirm or reject. */
@Controller
class ReviewPages {

    private final ReviewDesk desk;

    ReviewPages(ReviewDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/reviews")
    String queue(Authentication authentication, Model model) {
        model.addAttribute("user", ConsoleUser.of(authentication));
        model.addAttribute("cases", desk.queue());
        return "reviews/queue";
    }

    @GetMapping("/reviews/{id}")
    String open(@PathVariable("id") UUID id, Authentication authentication, Model model) {
        model.addAttribute("user", ConsoleUser.of(authentication));
        model.addAttribute("review", desk.open(id));
        model.addAttribute("refusals", ReviewDesk.REFUSALS.stream().sorted().toList());
        return "reviews/case";
    }

    @PostMapping("/reviews/{id}/proposal")
    String propose(
            @PathVariable("id") UUID id,
            @RequestParam("verdict") String verdict,
            @RequestParam(name = "elements", required = false) List<DataElement> elements,
            @RequestParam(name = "person", required = false) UUID person,
            @RequestParam(name = "refusal", required = false) ReasonCode refusal,
            @RequestParam("justification") String justification,
            Authentication authentication,
            RedirectAttributes redirect) {
        Set<DataElement> approve = EnumSet.noneOf(DataElement.class);
        UUID about = null;
        ReasonCode refuseWith = null;
        switch (verdict) {
            case "approve" -> {
                if (elements == null || elements.isEmpty()) {
                    throw new Refused("an approval releases at least one element");
                }
                approve.addAll(elements);
                about = person;
            }
            case "refuse" -> {
                if (refusal == null) {
                    throw new Refused("a refusal needs its reason code");
                }
                refuseWith = refusal;
            }
            default -> throw new Refused("a verdict approves or refuses");
        }
        desk.propose(id, ConsoleUser.of(authentication), approve, about, refuseWith, justification);
        redirect.addFlashAttribute("done", "Your proposal waits for a supervisor.");
        return "redirect:/reviews/" + id;
    }

    @PostMapping("/reviews/{id}/confirmation")
    String confirm(@PathVariable("id") UUID id, Authentication authentication, RedirectAttributes redirect) {
        ReviewDecisions.Completed completed = desk.confirm(id, ConsoleUser.of(authentication));
        redirect.addFlashAttribute(
                "done", "Confirmed: the final response (" + completed.outcome() + ") is on its way to the partner.");
        return "redirect:/reviews";
    }

    @PostMapping("/reviews/{id}/rejection")
    String reject(
            @PathVariable("id") UUID id,
            @RequestParam("justification") String justification,
            Authentication authentication,
            RedirectAttributes redirect) {
        desk.reject(id, ConsoleUser.of(authentication), justification);
        redirect.addFlashAttribute("done", "Proposal rejected: the case waits for a new proposal.");
        return "redirect:/reviews/" + id;
    }
}
