package org.caseexchange.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A request the user's roles do not allow, or a state-changing request without its CSRF token: 403,
 * and an ACCESS_DENIED entry naming the user (or {@code anonymous}). Also records an exchange id
 * that is not the user's to see, which the console answers as not found.
 */
@Component
public class ConsoleAccessDenied implements AccessDeniedHandler {

    private final AuditLog audit;
    private final TransactionTemplate transactions;

    ConsoleAccessDenied(AuditLog audit, TransactionTemplate transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        record(null);
        String reason = denied instanceof CsrfException
                ? "The request lacks a valid CSRF token. Reload the page and try again."
                : "Your roles do not allow this.";
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        if (ConsoleSecurityConfiguration.api(request)) {
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"forbidden\",\"reason\":\"" + reason + "\"}");
        } else {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter()
                    .write("<!DOCTYPE html><html lang=\"en\"><head><title>Not allowed</title>"
                            + "<link rel=\"stylesheet\" href=\"/css/console.css\"></head><body><main id=\"main\">"
                            + "<h1>Not allowed</h1><p>" + reason + "</p><p><a href=\"/\">Back to the console</a></p>"
                            + "</main></body></html>");
        }
    }

    /** Records an ACCESS_DENIED entry for the signed-in user, about the exchange when there is one. */
    public void record(UUID exchangeId) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        String actor = user == null || !user.isAuthenticated() || "anonymousUser".equals(user.getName())
                ? "anonymous"
                : user.getName();
        transactions.executeWithoutResult(status -> audit.record(
                AuditEvent.of(AuditEventType.ACCESS_DENIED, exchangeId, null).by(actor)));
    }
}
