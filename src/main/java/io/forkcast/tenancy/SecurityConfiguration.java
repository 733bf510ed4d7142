package io.forkcast.tenancy;

import io.forkcast.shared.Problems;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.Map;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String TENANT = ApiAccessRules.TENANT;

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AdminToken adminToken, ApiKeys apiKeys, Tenants tenants,
            Problems problems) throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, failure) -> {
            boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, presented
                    ? "Bearer realm=\"forkcast\", error=\"invalid_token\""
                    : "Bearer realm=\"forkcast\"");
            String detail = presented && failure != null
                    ? failure.getMessage()
                    : "Authentication required: send Authorization: Bearer <API key>.";
            problems.write(request, response, Problems.problem(HttpStatus.UNAUTHORIZED, detail));
        };
        AccessDeniedHandler deniedHandler = (request, response, denied) -> {
            String detail = denied instanceof AuthorizationDeniedException refused
                    && refused.getAuthorizationResult() instanceof TenantPathAuthorization.Refusal refusal
                    ? refusal.reason()
                    : "You are not allowed to do this.";
            problems.write(request, response, Problems.problem(HttpStatus.FORBIDDEN, detail));
        };
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                // Lean on the hot path: no anonymous token (a request without a key has no authentication, and
                // the entry point answers 401 wherever one is needed), no request wrapper for the Servlet API's
                // security methods (nothing calls them).
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                // Stateless without session management's filters (they guard sessions, of which there are none):
                // the caller lives in a request attribute for the length of the request.
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(context -> context.securityContextRepository(
                        new RequestAttributeSecurityContextRepository()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .addFilterBefore(new BearerTokenAuthenticationFilter(adminToken, apiKeys, tenants, entryPoint),
                        AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> {
                    for (ApiAccessRules.Route route : ApiAccessRules.OPERATOR_ONLY) {
                        requests.requestMatchers(route.method(), route.pattern())
                                .access(TenantPathAuthorization.operatorOnly(route.what()));
                    }
                    requests.requestMatchers(TENANT, TENANT + "/**")
                            .access(TenantPathAuthorization.tenantOrOperator());
                    for (ApiAccessRules.Route route : ApiAccessRules.PUBLIC) {
                        requests.requestMatchers(route.method(), route.pattern()).permitAll();
                    }
                    requests.requestMatchers("/api/**").authenticated()
                            .anyRequest().permitAll();
                })
                .build();
    }

    /**
     * No observation per security filter: wrapping each of a dozen filters in an observation costs more per
     * request than it tells (the HTTP request itself stays observed, with its latency and status).
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** No user accounts live in Spring Security: this stops Boot from generating (and logging) a password. */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }

    /**
     * Dashboard passwords: Argon2id (Spring Security's recommended parameters) for new hashes; the algorithm is
     * stored with each hash, so bcrypt hashes keep working and the default can change without a migration.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2", Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }

    @Bean
    PlatformTransactionManager transactionManager(EntityManagerFactory entityManagerFactory,
            TenancyProperties properties) {
        return new TenantScopedTransactionManager(entityManagerFactory, properties.rowLevelSecurity());
    }
}
