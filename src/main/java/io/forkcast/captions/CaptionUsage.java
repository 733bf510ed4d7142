package io.forkcast.captions;

import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.Plan;
import io.forkcast.tenancy.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Per tenant and calendar day: caption requests, counted against the plan's daily cap, and the tokens the
 * provider billed. The count is taken with one conditional update, so concurrent requests on any number of
 * instances cannot go past the cap.
 */
@Component
class CaptionUsage {

    private final JdbcTemplate jdbc;
    private final CaptionsProperties properties;
    private final MeterRegistry meters;

    CaptionUsage(JdbcTemplate jdbc, CaptionsProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.meters = meters;
    }

    Integer capOf(Plan plan) {
        return properties.dailyGenerations().get(plan.name());
    }

    /** Counts one caption request, or refuses it with 429 when the plan's daily cap is reached. */
    @Transactional
    void reserve(TenantId tenantId, Plan plan, LocalDate day) {
        ensureRow(tenantId.value(), day);
        Integer cap = capOf(plan);
        int updated = cap == null
                ? jdbc.update("update caption_usage set generations = generations + 1 where tenant_id = ? and usage_day = ?",
                        tenantId.value(), day)
                : jdbc.update("update caption_usage set generations = generations + 1 "
                        + "where tenant_id = ? and usage_day = ? and generations < ?", tenantId.value(), day, cap);
        if (updated == 0) {
            meters.counter("forkcast.captions.refusals", "plan", plan.name()).increment();
            throw new DomainException(HttpStatus.TOO_MANY_REQUESTS, ("The %s plan allows %d caption requests per day; "
                    + "the count starts again at midnight in the restaurant's time zone.").formatted(plan.name(), cap));
        }
    }

    /** Gives back a request that produced nothing (the provider failed). */
    @Transactional
    void release(TenantId tenantId, LocalDate day) {
        jdbc.update("update caption_usage set generations = generations - 1 "
                + "where tenant_id = ? and usage_day = ? and generations > 0", tenantId.value(), day);
    }

    @Transactional
    void addTokens(TenantId tenantId, Plan plan, LocalDate day, String writer, long promptTokens, long completionTokens) {
        if (promptTokens == 0 && completionTokens == 0) {
            return;
        }
        ensureRow(tenantId.value(), day);
        jdbc.update("update caption_usage set prompt_tokens = prompt_tokens + ?, completion_tokens = completion_tokens + ? "
                + "where tenant_id = ? and usage_day = ?", promptTokens, completionTokens, tenantId.value(), day);
        meters.counter("forkcast.captions.tokens", "plan", plan.name(), "writer", writer, "type", "prompt")
                .increment(promptTokens);
        meters.counter("forkcast.captions.tokens", "plan", plan.name(), "writer", writer, "type", "completion")
                .increment(completionTokens);
    }

    @Transactional(readOnly = true)
    DailyUsage of(TenantId tenantId, Plan plan, LocalDate day) {
        return jdbc.query("select generations, prompt_tokens, completion_tokens from caption_usage "
                        + "where tenant_id = ? and usage_day = ?",
                rs -> rs.next()
                        ? new DailyUsage(day, rs.getInt(1), capOf(plan), rs.getLong(2), rs.getLong(3))
                        : new DailyUsage(day, 0, capOf(plan), 0, 0),
                tenantId.value(), day);
    }

    private void ensureRow(UUID tenantId, LocalDate day) {
        jdbc.update("insert into caption_usage (tenant_id, usage_day) values (?, ?) on conflict do nothing",
                tenantId, day);
    }
}
