package org.caseexchange.gateway.web.page;

import org.caseexchange.gateway.web.ConsoleUser;
import org.caseexchange.gateway.web.desk.OperationsDesk;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operators' page: health in detail and what expires when. */
@Controller
class OperationsPages {

    private final OperationsDesk desk;

    OperationsPages(OperationsDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/operations")
    String overview(Authentication authentication, Model model) {
        model.addAttribute("user", ConsoleUser.of(authentication));
        model.addAttribute("overview", desk.overview());
        return "operations";
    }
}
