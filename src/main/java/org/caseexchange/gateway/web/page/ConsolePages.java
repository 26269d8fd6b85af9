package org.caseexchange.gateway.web.page;

import org.caseexchange.gateway.web.ConsoleUser;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page and the start page, which lists what the user's roles let them do. */
@Controller
class ConsolePages {

    @GetMapping("/signin")
    String signIn(
            @RequestParam(name = "failed", required = false) String failed,
            @RequestParam(name = "signedout", required = false) String signedOut,
            Model model) {
        model.addAttribute("failed", failed != null);
        model.addAttribute("signedOut", signedOut != null);
        return "signin";
    }

    @GetMapping("/")
    String home(Authentication authentication, Model model) {
        model.addAttribute("user", ConsoleUser.of(authentication));
        return "home";
    }
}
