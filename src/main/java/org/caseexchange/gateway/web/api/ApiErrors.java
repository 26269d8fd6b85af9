package org.caseexchange.gateway.web.api;

import java.util.Map;
import org.caseexchange.gateway.web.ConsoleAccessDenied;
import org.caseexchange.gateway.web.desk.NotFound;
import org.caseexchange.gateway.web.desk.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * API errors as small JSON bodies with a stable code: {@code not-found}, {@code refused} (with the
 * reason) and {@code bad-request}. A body with a field the API does not take, such as a decision or an
 * audit id, is a bad request: nothing a caller sends sets what the gateway decides.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    private final ConsoleAccessDenied denied;

    ApiErrors(ConsoleAccessDenied denied) {
        this.denied = denied;
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Map<String, String>> notFound() {
        denied.record(null);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not-found"));
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<Map<String, String>> refused(Refused refused) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Map.of("error", "refused", "reason", refused.getMessage()));
    }

    @ExceptionHandler({
        HttpMessageNotReadableException.class,
        MethodArgumentNotValidException.class,
        MethodArgumentTypeMismatchException.class
    })
    ResponseEntity<Map<String, String>> badRequest() {
        return ResponseEntity.badRequest()
                .body(Map.of("error", "bad-request", "reason", "the request does not have the form this API takes"));
    }
}
