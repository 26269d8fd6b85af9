package org.caseexchange.gateway.web.page;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.UUID;
import org.caseexchange.gateway.web.ConsoleUser;
import org.caseexchange.gateway.web.desk.AuditDesk;
import org.caseexchange.gateway.web.desk.OversightReport;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

/** The auditors' pages: search, an exchange's timeline, the log's integrity and exports. */
@Controller
class AuditPages {

    private final AuditDesk desk;
    private final OversightReport report;

    AuditPages(AuditDesk desk, OversightReport report) {
        this.desk = desk;
        this.report = report;
    }

    /** The oversight report; by default the current year to date. */
    @GetMapping("/audit/report")
    String report(
            @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate from,
            @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Authentication authentication,
            Model model) {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        model.addAttribute("user", ConsoleUser.of(authentication));
        model.addAttribute("report", report.of(from == null ? today.withDayOfYear(1) : from, to == null ? today : to));
        return "audit/report";
    }

    @GetMapping(value = "/audit/report.csv", produces = "text/csv")
    void reportCsv(
            @RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            HttpServletResponse response)
            throws IOException {
        String csv = OversightReport.csv(report.of(from, to));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"oversight-" + from + "-" + to + ".csv\"");
        response.getWriter().write(csv);
    }

    /**
     * The search form posts, so that a person's identifiers never appear in a URL, a browser's history
     * or a proxy's log; the pages of a search by facts alone are links.
     */
    @RequestMapping(
            value = "/audit",
            method = {RequestMethod.GET, RequestMethod.POST})
    String search(
            @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate from,
            @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(name = "partner", required = false) String partner,
            @RequestParam(name = "direction", required = false) String direction,
            @RequestParam(name = "annex", required = false) String annex,
            @RequestParam(name = "purpose", required = false) String purpose,
            @RequestParam(name = "outcome", required = false) String outcome,
            @RequestParam(name = "reasonCode", required = false) String reasonCode,
            @RequestParam(name = "officer", required = false) String officer,
            @RequestParam(name = "familyName", required = false) String familyName,
            @RequestParam(name = "givenNames", required = false) String givenNames,
            @RequestParam(name = "dateOfBirth", required = false) String dateOfBirth,
            @RequestParam(name = "documentNumber", required = false) String documentNumber,
            @RequestParam(name = "documentCountry", required = false) String documentCountry,
            @RequestParam(name = "page", defaultValue = "0") int page,
            @RequestParam(name = "search", required = false) String searched,
            Authentication authentication,
            Model model) {
        AuditDesk.Criteria criteria = new AuditDesk.Criteria(
                from,
                to,
                partner,
                direction,
                annex,
                purpose,
                outcome,
                reasonCode,
                officer,
                new AuditDesk.Person(familyName, givenNames, dateOfBirth, documentNumber, documentCountry));
        model.addAttribute("user", ConsoleUser.of(authentication));
        model.addAttribute("criteria", criteria);
        model.addAttribute("directions", AuditDesk.DIRECTIONS.stream().sorted().toList());
        if (searched != null) {
            model.addAttribute("results", desk.search(criteria, page));
        }
        return "audit/search";
    }

    @GetMapping("/audit/exchanges/{id}")
    String timeline(@PathVariable("id") UUID id, Authentication authentication, Model model) {
        model.addAttribute("user", ConsoleUser.of(authentication));
        model.addAttribute("timeline", desk.timeline(id));
        return "audit/timeline";
    }

    /** The messages decrypted: a POST, since reading them is itself recorded. */
    @PostMapping("/audit/exchanges/{id}/content")
    String content(@PathVariable("id") UUID id, Authentication authentication, Model model) {
        ConsoleUser auditor = ConsoleUser.of(authentication);
        model.addAttribute("user", auditor);
        model.addAttribute("exchangeId", id);
        model.addAttribute("messages", desk.content(id, auditor));
        return "audit/content";
    }

    @GetMapping("/audit/integrity")
    String integrity(Authentication authentication, Model model) {
        model.addAttribute("user", ConsoleUser.of(authentication));
        model.addAttribute("integrity", desk.integrity());
        return "audit/integrity";
    }

    @PostMapping("/audit/exports/exchange")
    void exportExchange(
            @RequestParam("exchange") UUID exchange, Authentication authentication, HttpServletResponse response)
            throws IOException {
        desk.timeline(exchange);
        attachment(response, "export-exchange-" + exchange + ".zip");
        desk.exportExchange(exchange, ConsoleUser.of(authentication), response.getOutputStream());
    }

    @PostMapping("/audit/exports/range")
    void exportRange(
            @RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Authentication authentication,
            HttpServletResponse response)
            throws IOException {
        AuditDesk.checkRange(from, to);
        attachment(response, "export-" + from + "-" + to + ".zip");
        desk.exportRange(from, to, ConsoleUser.of(authentication), response.getOutputStream());
    }

    @PostMapping("/audit/exports/person")
    void exportPerson(
            @RequestParam(name = "familyName", required = false) String familyName,
            @RequestParam(name = "givenNames", required = false) String givenNames,
            @RequestParam(name = "dateOfBirth", required = false) String dateOfBirth,
            @RequestParam(name = "documentNumber", required = false) String documentNumber,
            @RequestParam(name = "documentCountry", required = false) String documentCountry,
            Authentication authentication,
            HttpServletResponse response)
            throws IOException {
        AuditDesk.Person person =
                new AuditDesk.Person(familyName, givenNames, dateOfBirth, documentNumber, documentCountry);
        desk.checkPerson(person);
        attachment(response, "export-person.zip");
        desk.exportPerson(person, ConsoleUser.of(authentication), response.getOutputStream());
    }

    private static void attachment(HttpServletResponse response, String name) {
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }
}
