package io.forkcast.shared;

import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the one error shape of the API: an RFC 9457 problem with the seed's {@code detail} and
 * {@code status_code} members and the request id to quote to support. Filters that answer before
 * Spring MVC (authentication, rate limits) write it with {@link #write}.
 */
@Component
public class Problems {

    public static final String REQUEST_ID = "request_id";

    private final JsonMapper jsonMapper;

    Problems(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public static ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        decorate(problem);
        return problem;
    }

    /** The longest part of a value a client sent that a message repeats. */
    public static final int EXCERPT_LENGTH = 40;

    /**
     * At most the first {@value #EXCERPT_LENGTH} characters of a value a client sent, for a message: an error never
     * echoes a whole body back, however large.
     */
    public static String excerpt(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= EXCERPT_LENGTH ? value : value.substring(0, EXCERPT_LENGTH) + "…";
    }

    /** Adds the members every problem carries; safe to call twice. */
    public static void decorate(ProblemDetail problem) {
        problem.setProperty("status_code", problem.getStatus());
        String requestId = MDC.get(REQUEST_ID);
        if (requestId != null) {
            problem.setProperty(REQUEST_ID, requestId);
        }
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        decorate(problem);
        if (problem.getInstance() == null) {
            try {
                problem.setInstance(URI.create(request.getRequestURI()));
            } catch (IllegalArgumentException unparsable) {
                // The instance member is optional; a path that is not a valid URI is simply left out.
            }
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), asMap(problem));
    }

    // Written by hand rather than through the MVC converter's ProblemDetail mix-in, which filters do not reach.
    private static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (problem.getType() != null) {
            body.put("type", problem.getType().toString());
        }
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
