package org.caseexchange.gateway.web.api;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CSRF token of the caller's session, for a client that is not a browser: it signs in with the
 * form's fields and {@code parameter}, then sends {@code token} in the {@code header} of each
 * state-changing request. Sign-in gives a new session, so a client asks again after it.
 */
@RestController
class SessionApi {

    /** The token as the caller's session holds it, and where to send it. */
    record Csrf(String header, String parameter, String token) {}

    @GetMapping("/api/session/csrf")
    Csrf csrf(CsrfToken token) {
        return new Csrf(token.getHeaderName(), token.getParameterName(), token.getToken());
    }
}
