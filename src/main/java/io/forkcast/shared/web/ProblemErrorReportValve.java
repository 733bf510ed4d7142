package io.forkcast.shared.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers, as a problem, what the container refuses before the application sees a request (an encoded slash in
 * the path, a request line or headers it cannot parse or that are too large), in place of Tomcat's HTML page.
 * Such requests never passed {@link RequestIdFilter}, so the id is made here. The body is fixed text per status:
 * nothing the client sent is echoed.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (code == HttpStatus.BAD_REQUEST.value() && headersTooLarge(throwable)) {
            code = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value();
            response.setStatus(code);
        } else if (code == HttpStatus.NOT_IMPLEMENTED.value()) {
            // The container's answer to CONNECT: to a client, one more method this API does not allow.
            code = HttpStatus.METHOD_NOT_ALLOWED.value();
            response.setStatus(code);
            response.setHeader("Allow", RequestGuardFilter.ALLOWED);
        }
        HttpStatus status = HttpStatus.resolve(code);
        String requestId = response.getHeader(RequestIdFilter.HEADER);
        if (requestId == null) {
            requestId = RequestIdFilter.newRequestId();
            response.setHeader(RequestIdFilter.HEADER, requestId);
        }
        String title = status == null ? "Error" : status.getReasonPhrase();
        String body = "{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\",\"status_code\":%d,\"request_id\":\"%s\"}"
                .formatted(title, code, detail(code), code, requestId);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client has gone or the response was taken over; there is nobody left to answer.
        }
    }

    private static boolean headersTooLarge(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("too large")) {
                return true;
            }
        }
        return false;
    }

    static String detail(int code) {
        return switch (code) {
            case 400 -> "The request is malformed: its address or a header cannot be read as sent (an encoded slash, "
                    + "a broken escape, a character that is not allowed).";
            case 404 -> "No resource at this address.";
            case 405 -> "This method is not allowed here.";
            case 413 -> "The request body is too large.";
            case 414 -> "The address is too long.";
            case 431 -> "The request headers are too large.";
            default -> code >= 500 ? "Something went wrong on our side. Quote the request id if you contact support."
                    : "The request cannot be served.";
        };
    }
}
