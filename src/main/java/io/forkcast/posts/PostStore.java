package io.forkcast.posts;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.ArrayList;

/** The rows around a post: its ordered assets, its attempts, and the tenant's posts/day counters. */
@Component
class PostStore {

    /** One publish try as stored. {@code outcome} pending means it never finished (unknown outcome). */
    record Attempt(UUID id, int number, Instant startedAt, Instant finishedAt, String outcome, String errorCode,
            String errorMessage, String containerId) {
    }

    private final JdbcTemplate jdbc;

    PostStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void addMedia(UUID tenantId, UUID postId, List<UUID> assetIds) {
        for (int i = 0; i < assetIds.size(); i++) {
            jdbc.update("insert into post_media (tenant_id, post_id, position, asset_id) values (?, ?, ?, ?)",
                    tenantId, postId, i, assetIds.get(i));
        }
    }

    List<UUID> media(UUID tenantId, UUID postId) {
        return jdbc.queryForList("select asset_id from post_media where tenant_id = ? and post_id = ? order by position",
                UUID.class, tenantId, postId);
    }

    Map<UUID, List<UUID>> media(UUID tenantId, Collection<UUID> postIds) {
        Map<UUID, List<UUID>> result = new HashMap<>();
        for (UUID postId : postIds) {
            result.put(postId, media(tenantId, postId));
        }
        return result;
    }

    /** Whether a post still to be published (scheduled, publishing, retrying, held) uses the asset. */
    boolean usedByPendingPost(UUID tenantId, UUID assetId) {
        Integer count = jdbc.queryForObject("select count(*) from post_media m join post_history p on p.id = m.post_id "
                + "where m.tenant_id = ? and m.asset_id = ? and p.status in ('scheduled', 'publishing', 'retrying', 'held')",
                Integer.class, tenantId, assetId);
        return count != null && count > 0;
    }

    void startAttempt(UUID id, UUID tenantId, UUID postId, int number, Instant at) {
        jdbc.update("insert into post_attempts (id, tenant_id, post_id, attempt_no, started_at, outcome) "
                + "values (?, ?, ?, ?, ?, 'pending')", id, tenantId, postId, number, Timestamp.from(at));
    }

    void containerCreated(UUID attemptId, String containerId) {
        jdbc.update("update post_attempts set container_id = ? where id = ?", containerId, attemptId);
    }

    void finishAttempt(UUID attemptId, String outcome, String errorCode, String errorMessage, Instant at) {
        jdbc.update("update post_attempts set outcome = ?, error_code = ?, error_message = ?, finished_at = ? where id = ?",
                outcome, errorCode, errorMessage == null ? null : abbreviate(errorMessage), Timestamp.from(at), attemptId);
    }

    List<Attempt> attempts(UUID tenantId, UUID postId) {
        return jdbc.query("select id, attempt_no, started_at, finished_at, outcome, error_code, error_message, container_id "
                + "from post_attempts where tenant_id = ? and post_id = ? order by attempt_no", (rs, n) -> new Attempt(
                rs.getObject(1, UUID.class), rs.getInt(2), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8)), tenantId, postId);
    }

    /**
     * Takes {@code count} posts of a tenant's day if at most {@code cap} would then be used: one conditional
     * update, so concurrent requests on any instance cannot both take the last slot.
     */
    boolean reserve(UUID tenantId, LocalDate day, int count, int cap) {
        jdbc.update("insert into post_day_counters (tenant_id, post_day) values (?, ?) on conflict do nothing",
                tenantId, day);
        return jdbc.update("update post_day_counters set used = used + ? where tenant_id = ? and post_day = ? "
                + "and used + ? <= ?", count, tenantId, day, count, cap) == 1;
    }

    void release(UUID tenantId, LocalDate day, int count) {
        jdbc.update("update post_day_counters set used = case when used >= ? then used - ? else 0 end "
                + "where tenant_id = ? and post_day = ?", count, count, tenantId, day);
    }

    int used(UUID tenantId, LocalDate day) {
        List<Integer> used = jdbc.queryForList("select used from post_day_counters where tenant_id = ? and post_day = ?",
                Integer.class, tenantId, day);
        return used.isEmpty() ? 0 : used.get(0);
    }

    /** What an Idempotency-Key answered: the hash of its request, the status and body of the first response. */
    record IdempotentRequest(String requestHash, Integer status, byte[] body) {
    }

    /**
     * Claims an Idempotency-Key of a tenant for a request, forgetting it first when it is older than
     * {@code expiredBefore}. Empty when the key is now this request's; otherwise what the key is already used for.
     * A concurrent claim of the same key waits for the other transaction and then sees its outcome.
     */
    java.util.Optional<IdempotentRequest> claimIdempotent(UUID tenantId, String key, String requestHash, Instant now,
            Instant expiredBefore) {
        jdbc.update("delete from post_idempotency_keys where tenant_id = ? and idem_key = ? and created_at < ?",
                tenantId, key, Timestamp.from(expiredBefore));
        int claimed = jdbc.update("insert into post_idempotency_keys (tenant_id, idem_key, request_hash, created_at) "
                + "values (?, ?, ?, ?) on conflict do nothing", tenantId, key, requestHash, Timestamp.from(now));
        if (claimed == 1) {
            return java.util.Optional.empty();
        }
        return jdbc.query("select request_hash, response_status, response_body from post_idempotency_keys "
                        + "where tenant_id = ? and idem_key = ?", (rs, n) -> new IdempotentRequest(rs.getString(1),
                        (Integer) rs.getObject(2), rs.getBytes(3)), tenantId, key)
                .stream().findFirst();
    }

    void rememberResponse(UUID tenantId, String key, UUID groupId, int status, byte[] body) {
        jdbc.update("update post_idempotency_keys set group_id = ?, response_status = ?, response_body = ? "
                + "where tenant_id = ? and idem_key = ?", groupId, status, body, tenantId, key);
    }

    /** Forgets every tenant's Idempotency-Keys created before {@code before}; answers how many. */
    int forgetIdempotentBefore(Instant before) {
        return jdbc.update("delete from post_idempotency_keys where created_at < ?", Timestamp.from(before));
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    static <T> List<T> copy(List<T> list) {
        return new ArrayList<>(list);
    }
}
