package io.forkcast.shared.web;

import io.forkcast.shared.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (the servlet container, a filter calling {@code sendError}) reach
 * {@code /error}; this answers them in the same problem shape as everything else, without Boot's default
 * body (which would carry exception class names and paths).
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = switch (status) {
            case NOT_FOUND -> "No resource at this address.";
            case BAD_REQUEST -> "The request is malformed.";
            case UNAUTHORIZED -> "Authentication is required.";
            case FORBIDDEN -> "You are not allowed to do this.";
            case INTERNAL_SERVER_ERROR -> "Something went wrong on our side. Quote the request id if you contact support.";
            default -> status.getReasonPhrase() + ".";
        };
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.problem(status, detail));
    }
}
