package org.caseexchange.gateway.web.page;

import org.caseexchange.gateway.web.ConsoleUser;
import org.caseexchange.gateway.web.desk.OperationsDesk;
import org.caseexchange.gateway.web.desk.Refused;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operators' page: health in detail, what expires when, the broker's queues, and purging one. */
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

    @PostMapping("/operations/purge")
    String purge(
            @RequestParam("queue") String queue,
            @RequestParam(name = "confirm", required = false) String confirm,
            Authentication authentication,
            RedirectAttributes redirect) {
        if (!queue.equals(confirm)) {
            throw new Refused("type the queue's name to confirm that its messages are discarded");
        }
        OperationsDesk.Purge purged = desk.purge(queue, ConsoleUser.of(authentication));
        redirect.addFlashAttribute(
                "done", purged.removed() + " messages purged from " + purged.queue() + "; each is in the audit log.");
        return "redirect:/operations";
    }
}
