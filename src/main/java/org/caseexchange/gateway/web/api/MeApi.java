package org.caseexchange.gateway.web.api;

import org.caseexchange.gateway.web.ConsoleUser;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is signed in as, and with which roles. */
@RestController
class MeApi {

    @GetMapping("/api/me")
    ConsoleUser me(Authentication authentication) {
        return ConsoleUser.of(authentication);
    }
}
