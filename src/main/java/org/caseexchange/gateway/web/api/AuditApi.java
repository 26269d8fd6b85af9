package org.caseexchange.gateway.web.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditIntegrity;
import org.caseexchange.gateway.web.ConsoleUser;
import org.caseexchange.gateway.web.desk.AuditDesk;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditors' API: search, timelines, integrity and exports. Read-only except that exports are logged. */
@RestController
class AuditApi {

    /** A person export's identifiers, in the body so that they never appear in a URL or an access log. */
    record PersonRequest(
            String familyName, String givenNames, String dateOfBirth, String documentNumber, String documentCountry) {}

    /** A search; the person's identifiers, if any, go in the body for the same reason. */
    record SearchRequest(
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            String partner,
            String direction,
            String annex,
            String purpose,
            String outcome,
            String reasonCode,
            String officer,
            PersonRequest person,
            Integer page) {}

    private final AuditDesk desk;
    private final org.caseexchange.gateway.web.desk.OversightReport report;

    AuditApi(AuditDesk desk, org.caseexchange.gateway.web.desk.OversightReport report) {
        this.desk = desk;
        this.report = report;
    }

    @GetMapping("/api/audit/report")
    org.caseexchange.gateway.web.desk.OversightReport.Report report(
            @RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return report.of(from, to);
    }

    @PostMapping("/api/audit/searches")
    AuditDesk.Page search(@RequestBody SearchRequest request) {
        PersonRequest p = request.person();
        AuditDesk.Person person = p == null
                ? AuditDesk.Person.none()
                : new AuditDesk.Person(
                        p.familyName(), p.givenNames(), p.dateOfBirth(), p.documentNumber(), p.documentCountry());
        return desk.search(
                new AuditDesk.Criteria(
                        request.from(),
                        request.to(),
                        request.partner(),
                        request.direction(),
                        request.annex(),
                        request.purpose(),
                        request.outcome(),
                        request.reasonCode(),
                        request.officer(),
                        person),
                request.page() == null ? 0 : request.page());
    }

    @GetMapping("/api/audit/exchanges/{id}")
    AuditDesk.Timeline timeline(@PathVariable("id") UUID id) {
        return desk.timeline(id);
    }

    /** The messages decrypted; recorded as PERSONAL_DATA_VIEWED before they are returned. */
    @PostMapping("/api/audit/exchanges/{id}/content")
    java.util.List<AuditDesk.Content> content(@PathVariable("id") UUID id, Authentication authentication) {
        return desk.content(id, ConsoleUser.of(authentication));
    }

    @GetMapping("/api/audit/integrity")
    AuditIntegrity.State integrity() {
        return desk.integrity();
    }

    @PostMapping(value = "/api/audit/exports/exchange/{id}", produces = "application/zip")
    void exportExchange(@PathVariable("id") UUID id, Authentication authentication, HttpServletResponse response)
            throws IOException {
        desk.timeline(id);
        response.setContentType("application/zip");
        desk.exportExchange(id, ConsoleUser.of(authentication), response.getOutputStream());
    }

    @PostMapping(value = "/api/audit/exports/range", produces = "application/zip")
    void exportRange(
            @RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Authentication authentication,
            HttpServletResponse response)
            throws IOException {
        AuditDesk.checkRange(from, to);
        response.setContentType("application/zip");
        desk.exportRange(from, to, ConsoleUser.of(authentication), response.getOutputStream());
    }

    @PostMapping(value = "/api/audit/exports/person", produces = "application/zip")
    void exportPerson(@RequestBody PersonRequest p, Authentication authentication, HttpServletResponse response)
            throws IOException {
        AuditDesk.Person person = new AuditDesk.Person(
                p.familyName(), p.givenNames(), p.dateOfBirth(), p.documentNumber(), p.documentCountry());
        desk.checkPerson(person);
        response.setContentType("application/zip");
        desk.exportPerson(person, ConsoleUser.of(authentication), response.getOutputStream());
    }
}
