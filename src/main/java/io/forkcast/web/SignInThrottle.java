package io.forkcast.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Locale;

/**
 * Slows password guessing: each e-mail address and client address pair gets {@code sign-in-attempts} tries per
 * {@code sign-in-window}, refilled gradually. In memory, per instance: a guesser spread over several instances
 * gets a few more tries, never an unbounded number. The same kind of budget bounds "Forgot password?" requests
 * ({@link Beans#passwordResetThrottle}, {@link Beans#passwordResetClientThrottle}).
 */
class SignInThrottle {

    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        SignInThrottle signInThrottle(WebProperties properties) {
            return new SignInThrottle(properties.signInAttempts(), properties.signInWindow());
        }

        /** Per e-mail address: nobody's inbox is flooded with reset links. */
        @Bean
        SignInThrottle passwordResetThrottle(WebProperties properties) {
            return new SignInThrottle(properties.passwordResetRequests(), properties.passwordResetWindow());
        }

        /** Per client address: one client cannot send reset links to address after address. */
        @Bean
        SignInThrottle passwordResetClientThrottle(WebProperties properties) {
            return new SignInThrottle(properties.passwordResetRequestsPerClient(), properties.passwordResetWindow());
        }
    }

    private final Cache<String, Bucket> buckets;
    private final int attempts;
    private final Duration window;

    SignInThrottle(int attempts, Duration window) {
        this.attempts = attempts;
        this.window = window;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(100_000).build();
    }

    /** Takes one attempt; empty when allowed, else how long until the next one is. */
    Duration tryAttempt(String email, String clientAddress) {
        ConsumptionProbe probe = bucket(email, clientAddress).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /** Gives back the attempt of a sign-in that succeeded: only wrong passwords count against the budget. */
    void succeeded(String email, String clientAddress) {
        bucket(email, clientAddress).addTokens(1);
    }

    private Bucket bucket(String email, String clientAddress) {
        String key = (email == null ? "" : email.strip().toLowerCase(Locale.ROOT)) + "|" + clientAddress;
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(attempts, window).build())
                .build());
    }
}
