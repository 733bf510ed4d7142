package io.forkcast.posts;

import io.forkcast.captions.CaptionPerformanceSource;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * How the tenant's published captions did, for the captions module's prompt: per delivery on one platform, the
 * latest engagement snapshot (likes + comments + shares, shares counted as 0 where the platform does not tell),
 * best first. Scoped to the tenant in the query; row-level security scopes it again on PostgreSQL.
 */
@Component
class CaptionPerformance implements CaptionPerformanceSource {

    private final JdbcTemplate jdbc;

    CaptionPerformance(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public List<PerformingCaption> bestPerforming(TenantId tenantId, Platform platform, Instant since,
            int minimumEngagement, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.query("""
                select d.post_id, coalesce(d.caption, p.caption) as text, d.posted_at,
                       s.likes + s.comments + coalesce(s.shares, 0) as engagement
                from post_deliveries d
                join posts p on p.tenant_id = d.tenant_id and p.id = d.post_id
                join engagement_snapshots s on s.tenant_id = d.tenant_id and s.delivery_id = d.id
                where d.tenant_id = ? and d.platform = ? and d.status = 'published' and d.posted_at >= ?
                  and s.captured_at = (select max(l.captured_at) from engagement_snapshots l
                                       where l.tenant_id = d.tenant_id and l.delivery_id = d.id)
                  and coalesce(d.caption, p.caption) is not null
                  and s.likes + s.comments + coalesce(s.shares, 0) >= ?
                order by engagement desc, d.posted_at desc
                limit ?""",
                (rs, n) -> new PerformingCaption("post:" + rs.getObject(1), rs.getString(2), rs.getInt(4),
                        rs.getTimestamp(3).toInstant()),
                tenantId.value(), platform.wireName(), Timestamp.from(since), minimumEngagement, limit);
    }
}
