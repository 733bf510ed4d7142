package io.forkcast.quota.web;

import io.forkcast.quota.ApiCallDecision;
import io.forkcast.quota.Quotas;
import io.forkcast.shared.Problems;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.Plan;
import io.forkcast.tenancy.TenantId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Counts every call made with a tenant's API key against its plan and says so in the
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} headers (seconds); a call
 * over the budget is answered 429 with {@code Retry-After}. Runs inside the security chain, after
 * authentication: calls of the platform operator are not counted.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final Quotas quotas;
    private final CurrentTenant currentTenant;
    private final Problems problems;

    RateLimitFilter(Quotas quotas, CurrentTenant currentTenant, Problems problems) {
        this.quotas = quotas;
        this.currentTenant = currentTenant;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<TenantId> tenant = currentTenant.tenantId();
        Optional<Plan> plan = currentTenant.plan();
        if (tenant.isEmpty() || plan.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ApiCallDecision decision = quotas.checkApiCall(tenant.get(), plan.get());
        response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(seconds(decision.reset())));
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, seconds(decision.retryAfter()));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        ProblemDetail problem = Problems.problem(HttpStatus.TOO_MANY_REQUESTS,
                "The %s plan allows %d API calls per hour; try again in %d seconds."
                        .formatted(plan.get().name(), decision.limit(), retryAfter));
        problem.setProperty("retry_after_seconds", retryAfter);
        problems.write(request, response, problem);
    }

    private static long seconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }
}
