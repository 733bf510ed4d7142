package io.forkcast.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Names the instance that served a response in {@code X-Forkcast-Instance}, so that an operator (or the cluster
 * scenario) can tell which instance behind the load balancer answered. Off unless
 * {@code forkcast.instance-id} is set: the header is for operators, and an instance name tells the public nothing
 * it needs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class InstanceHeaderFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Forkcast-Instance";

    /**
     * Which instance this is.
     *
     * @param instanceId the name of this instance (a pod name, a host name), sent in the {@code X-Forkcast-Instance}
     *                   response header; empty sends no header
     */
    @ConfigurationProperties("forkcast")
    record InstanceProperties(String instanceId) {
    }

    private final String instanceId;

    InstanceHeaderFilter(InstanceProperties properties) {
        this.instanceId = properties.instanceId() == null ? "" : properties.instanceId().strip();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return instanceId.isEmpty();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, instanceId);
        chain.doFilter(request, response);
    }
}
