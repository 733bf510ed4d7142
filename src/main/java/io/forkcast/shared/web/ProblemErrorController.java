package io.forkcast.shared.web;

import io.forkcast.shared.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Errors raised outside Spring MVC (the servlet container, a filter calling {@code sendError}) reach
 * {@code /error}; this answers them in the same problem shape as everything else, without Boot's default
 * body (which would carry exception class names and paths).
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Called directly, not as the container's error page: there is nothing here for a client.
        HttpStatus status = code == null ? HttpStatus.NOT_FOUND
                : code instanceof Integer value && HttpStatus.resolve(value) != null
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
        ProblemDetail problem = Problems.problem(status, detail);
        // The error dispatch runs after RequestIdFilter has cleared the log context, so the id is read from the
        // response; a request the container refused before any filter ran (TRACE, say) gets its id here.
        String requestId = response.getHeader(RequestIdFilter.HEADER);
        if (requestId == null) {
            requestId = RequestIdFilter.newRequestId();
            response.setHeader(RequestIdFilter.HEADER, requestId);
        }
        problem.setProperty(Problems.REQUEST_ID, requestId);
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            try {
                problem.setInstance(URI.create(uri));
            } catch (IllegalArgumentException unparsable) {
                // The instance member is optional.
            }
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
