package io.forkcast.quota.web;

import io.forkcast.quota.Quotas;
import io.forkcast.shared.Problems;
import io.forkcast.tenancy.CurrentTenant;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    /** Registered after the security chain, so it sees who is calling. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(Quotas quotas, CurrentTenant currentTenant,
            Problems problems) {
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(quotas, currentTenant, problems));
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
