package org.caseexchange.gateway.web.api;

import org.caseexchange.gateway.web.ConsoleUser;
import org.caseexchange.gateway.web.desk.OperationsDesk;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operators' API: health in detail, certificate and CRL expiry, queue depths, and purging a queue. */
@RestController
class OperationsApi {

    private final OperationsDesk desk;

    OperationsApi(OperationsDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/api/operations/overview")
    OperationsDesk.Overview overview() {
        return desk.overview();
    }

    /** Empties one queue of the embedded broker; each message removed is an audit entry. */
    @PostMapping("/api/operations/queues/{queue}/purge")
    OperationsDesk.Purge purge(@PathVariable("queue") String queue, Authentication authentication) {
        return desk.purge(queue, ConsoleUser.of(authentication));
    }
}
