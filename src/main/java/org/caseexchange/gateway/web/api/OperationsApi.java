package org.caseexchange.gateway.web.api;

import org.caseexchange.gateway.web.desk.OperationsDesk;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operators' API: health in detail and certificate and CRL expiry. */
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
}
