package io.forkcast.shared.web;

import io.forkcast.shared.Problems;
import io.forkcast.shared.database.DatabaseProperties;
import io.forkcast.shared.database.DatabaseUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Answers 503 with {@code Retry-After} when a filter before Spring MVC (the API key lookup, the dashboard's session)
 * fails because the database cannot be reached; inside Spring MVC, {@link ApiExceptionHandler} does the same.
 * Otherwise the container would log the failure as an error with its stack trace and answer 500, once per request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final Problems problems;
    private final String retryAfter;

    DatabaseOutageFilter(Problems problems, DatabaseProperties properties) {
        this.problems = problems;
        this.retryAfter = retryAfterSeconds(properties);
    }

    static String retryAfterSeconds(DatabaseProperties properties) {
        return Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unreachable; answered 503: {}", e.getClass().getSimpleName());
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
            problems.write(request, response, Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_AWAY));
        }
    }

    static final String DATABASE_AWAY = "The service cannot reach its database at the moment; try again shortly.";
}
