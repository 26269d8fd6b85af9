package org.caseexchange.gateway.web.page;

import java.util.Arrays;
import java.util.UUID;
import org.caseexchange.gateway.exchange.outbound.OurQueries;
import org.caseexchange.gateway.protocol.xml.DocumentType;
import org.caseexchange.gateway.protocol.xml.Sex;
import org.caseexchange.gateway.rules.DataElement;
import org.caseexchange.gateway.rules.Purpose;
import org.caseexchange.gateway.web.ConsoleUser;
import org.caseexchange.gateway.web.desk.DisclosureForm;
import org.caseexchange.gateway.web.desk.OfficerDesk;
import org.caseexchange.gateway.web.desk.QueryForm;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Our officers' queries to a partner: fill one in, see what the rules decide, send it; the officer's
 * own exchanges and the partner's answers; a supervisor's confirmations.
 */
@Controller
class QueryPages {

    private final OfficerDesk desk;

    QueryPages(OfficerDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/queries")
    String mine(Authentication authentication, Model model) {
        ConsoleUser officer = ConsoleUser.of(authentication);
        model.addAttribute("user", officer);
        model.addAttribute("queries", desk.mine(officer));
        return "queries/mine";
    }

    @GetMapping("/queries/new")
    String start(Authentication authentication, Model model) {
        return form(ConsoleUser.of(authentication), QueryForm.empty(), model);
    }

    /** The rules' answer, shown before anything is sent; the page then offers to send. */
    @PostMapping("/queries/preview")
    String preview(@ModelAttribute QueryForm form, Authentication authentication, Model model) {
        ConsoleUser officer = ConsoleUser.of(authentication);
        model.addAttribute("preview", desk.preview(form.toQuery(officer.name())));
        return form(officer, form, model);
    }

    @PostMapping("/queries")
    String ask(@ModelAttribute QueryForm form, Authentication authentication, RedirectAttributes redirect) {
        ConsoleUser officer = ConsoleUser.of(authentication);
        OurQueries.Outcome outcome = desk.ask(form.toQuery(officer.name()), officer);
        redirect.addFlashAttribute(
                "done",
                switch (outcome.state()) {
                    case QUEUED -> "Sent: the query is on its way to " + form.partner() + ".";
                    case AWAITING_CONFIRMATION -> "The query waits for a supervisor's confirmation before it leaves.";
                    case REFUSED ->
                        "Our rules refused the query (" + outcome.decision().refusal() + "): nothing left.";
                    default -> "Recorded.";
                });
        return "redirect:/queries/" + outcome.exchangeId();
    }

    @GetMapping("/queries/{id}")
    String one(@PathVariable("id") UUID id, Authentication authentication, Model model) {
        ConsoleUser officer = ConsoleUser.of(authentication);
        model.addAttribute("user", officer);
        model.addAttribute("query", desk.one(id, officer));
        model.addAttribute("answers", desk.answers(id, officer));
        return "queries/one";
    }

    @PostMapping("/queries/{id}/resend")
    String resend(@PathVariable("id") UUID id, Authentication authentication, RedirectAttributes redirect) {
        desk.resend(id, ConsoleUser.of(authentication));
        redirect.addFlashAttribute("done", "Sent again: the same message, which the partner recognises.");
        return "redirect:/queries/" + id;
    }

    @GetMapping("/queries/disclosures/new")
    String startDisclosure(Authentication authentication, Model model) {
        return disclosureForm(ConsoleUser.of(authentication), DisclosureForm.empty(), model);
    }

    /** A proposal: the rules decide at once, and nothing leaves before a supervisor confirms it. */
    @PostMapping("/queries/disclosures")
    String propose(@ModelAttribute DisclosureForm form, Authentication authentication, RedirectAttributes redirect) {
        ConsoleUser officer = ConsoleUser.of(authentication);
        OurQueries.Outcome outcome = desk.propose(form.toDisclosure(officer.name()), officer);
        redirect.addFlashAttribute(
                "done",
                outcome.state() == OurQueries.State.REFUSED
                        ? "Our rules refused the disclosure ("
                                + outcome.decision().refusal() + "): nothing will leave."
                        : "The disclosure waits for a supervisor's confirmation before it leaves.");
        return "redirect:/queries/" + outcome.exchangeId();
    }

    @GetMapping("/confirmations")
    String confirmations(Authentication authentication, Model model) {
        model.addAttribute("user", ConsoleUser.of(authentication));
        model.addAttribute("waiting", desk.awaitingConfirmation());
        return "queries/confirmations";
    }

    @PostMapping("/confirmations/{id}")
    String confirm(@PathVariable("id") UUID id, Authentication authentication, RedirectAttributes redirect) {
        OurQueries.Outcome outcome = desk.confirm(id, ConsoleUser.of(authentication));
        redirect.addFlashAttribute(
                "done",
                outcome.state() == OurQueries.State.QUEUED
                        ? "Confirmed: it is on its way to the partner."
                        : "Decided again on today's facts, our rules now refuse it: nothing left.");
        return "redirect:/confirmations";
    }

    private String disclosureForm(ConsoleUser officer, DisclosureForm form, Model model) {
        model.addAttribute("user", officer);
        model.addAttribute("form", form);
        model.addAttribute("partners", desk.partners());
        model.addAttribute("purposes", Purpose.values());
        model.addAttribute("elements", DataElement.values());
        return "queries/disclosure";
    }

    private String form(ConsoleUser officer, QueryForm form, Model model) {
        model.addAttribute("user", officer);
        model.addAttribute("form", form);
        model.addAttribute("partners", desk.partners());
        model.addAttribute("purposes", Purpose.values());
        model.addAttribute("elements", DataElement.values());
        model.addAttribute("sexes", Sex.values());
        model.addAttribute("documentTypes", Arrays.asList(DocumentType.values()));
        return "queries/new";
    }
}
