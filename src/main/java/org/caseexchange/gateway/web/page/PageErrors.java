package org.caseexchange.gateway.web.page;

import org.caseexchange.gateway.web.ConsoleAccessDenied;
import org.caseexchange.gateway.web.desk.NotFound;
import org.caseexchange.gateway.web.desk.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** What a page shows when the desk says no: the reason, never an exception's message or a trace. */
@ControllerAdvice(basePackageClasses = PageErrors.class)
class PageErrors {

    private final ConsoleAccessDenied denied;

    PageErrors(ConsoleAccessDenied denied) {
        this.denied = denied;
    }

    @ExceptionHandler(NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        denied.record(null);
        model.addAttribute("title", "Not found");
        model.addAttribute("reason", "There is no such exchange for you.");
        return "problem";
    }

    @ExceptionHandler(Refused.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String refused(Refused refused, Model model) {
        model.addAttribute("title", "Not done");
        model.addAttribute("reason", refused.getMessage());
        return "problem";
    }
}
