package io.forkcast.web;

import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.util.List;
import java.util.Set;

/**
 * The dashboard's own security: a session (cookie HttpOnly, SameSite=Lax, Secure in production) instead of
 * bearer keys, CSRF tokens on every form and htmx request, and roles checked here, on the server, for every
 * change: viewers see; editors create posts and assets; admins and owners manage accounts, users, keys and
 * settings. Ordered before the API's chain, which keeps everything else.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
class DashboardSecurityConfiguration {

    static final String SIGN_IN = "/app/sign-in";

    /**
     * Filters Boot registers for every path that only the dashboard needs: Spring Session's (the session) and
     * Thymeleaf's resource URL encoder (versioned links in pages). Each wraps the request or the response; on the
     * API, which has no session and renders no page, that is work for nothing on every call.
     */
    private static final Set<String> DASHBOARD_ONLY_FILTERS =
            Set.of("sessionRepositoryFilterRegistration", "resourceUrlEncodingFilter");

    @Bean
    static BeanPostProcessor dashboardFiltersOnTheDashboardOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (DASHBOARD_ONLY_FILTERS.contains(name)
                        && bean instanceof AbstractFilterRegistrationBean<?> registration) {
                    registration.setUrlPatterns(List.of("/app", "/app/*"));
                }
                return bean;
            }
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain dashboardSecurity(HttpSecurity http, UserSignIns signIns, CurrentTenant currentTenant)
            throws Exception {
        return http
                .securityMatcher("/app", "/app/**")
                .securityContext(context -> context.securityContextRepository(
                        new HttpSessionSecurityContextRepository()))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(logout -> logout.logoutUrl("/app/sign-out").logoutSuccessUrl(SIGN_IN + "?signed-out")
                        .deleteCookies(SessionCookie.NAME))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN))
                        .accessDeniedPage("/app/denied"))
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
                                + "img-src 'self' data: blob: https:; media-src 'self' https:; style-src 'self' 'unsafe-inline'; "
                                + "script-src 'self'; frame-ancestors 'none'; form-action 'self' https: http:")))
                .addFilterBefore(new DashboardSessionFilter(signIns, currentTenant), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(SIGN_IN, SIGN_IN + "/**", "/app/invite/**", "/app/static/**",
                                "/app/webjars/**", "/app/denied", SignInController.FORGOT_PASSWORD,
                                UserSignIns.PASSWORD_RESET_PATH + "**").permitAll()
                        .requestMatchers("/app/accounts/connect", "/app/accounts/connected",
                                "/app/accounts/connect-google", "/app/accounts/google-connected").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/app/accounts/**", "/app/settings/**").hasRole("ADMIN")
                        .requestMatchers("/app/settings/users/**", "/app/settings/keys/**", "/app/settings/data/**",
                                "/app/settings/webhooks/**", "/app/approvals", "/app/approvals/**",
                                "/app/settings/activity/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/app/compose", "/app/compose/**", "/app/calendar/import/**")
                        .hasRole("EDITOR")
                        .requestMatchers(HttpMethod.POST, "/app/library/**", "/app/calendar/**", "/app/autopilot/**",
                                "/app/reviews/**")
                        .hasRole("EDITOR")
                        .anyRequest().hasRole("VIEWER"))
                .build();
    }
}
