package io.forkcast.posts;

import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The plan's posts per day, on the tenant's calendar day: each delivery is one post. Reserved with one conditional
 * update, so concurrent requests on any instance cannot both take the last slot; given back on cancel.
 */
@Component
class DayQuota {

    private final JdbcTemplate jdbc;
    private final Tenants tenants;

    DayQuota(JdbcTemplate jdbc, Tenants tenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    /** Takes {@code count} of the day's posts, or refuses (429) saying when the day resets. */
    void reserve(TenantId tenantId, ZoneId zone, LocalDate day, int count) {
        int cap = tenants.planOf(tenantId).postsPerDay();
        jdbc.update("insert into post_day_counters (tenant_id, post_day) values (?, ?) on conflict do nothing",
                tenantId.value(), day);
        boolean taken = jdbc.update("update post_day_counters set used = used + ? where tenant_id = ? "
                + "and post_day = ? and used + ? <= ?", count, tenantId.value(), day, count, cap) == 1;
        if (!taken) {
            String resets = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime()
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            throw new DomainException(HttpStatus.TOO_MANY_REQUESTS, "Your plan allows " + cap + " posts a day and "
                    + day + " has " + used(tenantId, day) + " already; the day resets at " + resets + ".");
        }
    }

    void release(TenantId tenantId, LocalDate day, int count) {
        if (count > 0) {
            jdbc.update("update post_day_counters set used = case when used >= ? then used - ? else 0 end "
                    + "where tenant_id = ? and post_day = ?", count, count, tenantId.value(), day);
        }
    }

    int used(TenantId tenantId, LocalDate day) {
        List<Integer> used = jdbc.queryForList("select used from post_day_counters where tenant_id = ? "
                + "and post_day = ?", Integer.class, tenantId.value(), day);
        return used.isEmpty() ? 0 : used.getFirst();
    }
}
