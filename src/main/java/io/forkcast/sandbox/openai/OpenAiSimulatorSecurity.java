package io.forkcast.sandbox.openai;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The simulators' own security chain, ahead of the API's: OpenAI clients send {@code Authorization: Bearer sk-…}
 * and Google clients {@code Bearer ya29.…}, which the API's bearer authentication would refuse as an unknown key;
 * Meta's resumable upload host ({@code /sandbox/rupload}) takes {@code Authorization: OAuth {page token}}, which it
 * would refuse as no Bearer scheme. Each simulator checks that header itself, the way OpenAI, Google and Meta do.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "forkcast.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class OpenAiSimulatorSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain openAiSimulatorChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/sandbox/openai/**", "/sandbox/google/**", "/sandbox/rupload/**")
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
