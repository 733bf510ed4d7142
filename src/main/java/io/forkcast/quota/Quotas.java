package io.forkcast.quota;

import io.forkcast.tenancy.Plan;
import io.forkcast.tenancy.TenantId;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;

import java.time.Duration;

/**
 * The plan limits, enforced. API calls: a token bucket per tenant holding the plan's hourly allowance and
 * refilling it smoothly over the hour, so a burst up to the whole allowance is fine and the long-run rate is
 * the plan's.
 */
@Service
public class Quotas {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final RateLimitBuckets buckets;
    private final MeterRegistry meters;

    Quotas(RateLimitBuckets buckets, MeterRegistry meters) {
        this.buckets = buckets;
        this.meters = meters;
    }

    /** Counts one API call of a tenant against its plan's hourly allowance. */
    public ApiCallDecision checkApiCall(TenantId tenantId, Plan plan) {
        long limit = plan.apiCallsPerHour();
        ConsumptionProbe probe = buckets.tryConsume(key(tenantId, plan), bandwidth(plan));
        if (!probe.isConsumed()) {
            meters.counter("forkcast.ratelimit.refusals", "plan", plan.name()).increment();
        }
        return new ApiCallDecision(probe.isConsumed(), limit, probe.getRemainingTokens(),
                Duration.ofNanos(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** API calls a tenant may still make now within its plan's hourly allowance, counting none. */
    public long apiCallsLeft(TenantId tenantId, Plan plan) {
        return buckets.available(key(tenantId, plan), bandwidth(plan));
    }

    /** The plan is part of the key: a tenant that changes plan starts a bucket of the new size. */
    private static String key(TenantId tenantId, Plan plan) {
        return "forkcast:api-calls:" + tenantId + ":" + plan.name() + ":" + plan.apiCallsPerHour();
    }

    private static Bandwidth bandwidth(Plan plan) {
        long limit = plan.apiCallsPerHour();
        return Bandwidth.builder().capacity(limit).refillGreedy(limit, WINDOW).build();
    }
}
