package io.forkcast.posts;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ordered assets of each post ({@code post_media}), part of the post's content; in plain SQL because the rows
 * carry the tenant for their composite foreign key to the asset, which a JPA element collection cannot write.
 */
@Component
class PostMedia {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    PostMedia(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    void add(UUID tenantId, UUID postId, List<UUID> assetIds) {
        for (int i = 0; i < assetIds.size(); i++) {
            jdbc.update("insert into post_media (tenant_id, post_id, position, asset_id) values (?, ?, ?, ?)",
                    tenantId, postId, i, assetIds.get(i));
        }
    }

    List<UUID> of(UUID tenantId, UUID postId) {
        return jdbc.queryForList("select asset_id from post_media where tenant_id = ? and post_id = ? "
                + "order by position", UUID.class, tenantId, postId);
    }

    /** The assets of several posts in one query: post id → its assets in order. */
    Map<UUID, List<UUID>> of(UUID tenantId, Collection<UUID> postIds) {
        Map<UUID, List<UUID>> result = new HashMap<>();
        if (postIds.isEmpty()) {
            return result;
        }
        named.query("select post_id, asset_id from post_media where tenant_id = :tenant and post_id in (:posts) "
                + "order by post_id, position", Map.of("tenant", tenantId, "posts", postIds), rs -> {
                    result.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(rs.getObject(2, UUID.class));
                });
        return result;
    }

    /** Whether a delivery still to go out (scheduled, publishing, retrying, held) uses the asset. */
    boolean usedByPendingDelivery(UUID tenantId, UUID assetId) {
        Integer count = jdbc.queryForObject("select count(*) from post_media m join post_deliveries d "
                + "on d.tenant_id = m.tenant_id and d.post_id = m.post_id where m.tenant_id = ? and m.asset_id = ? "
                + "and d.status in ('scheduled', 'publishing', 'retrying', 'held')", Integer.class, tenantId, assetId);
        return count != null && count > 0;
    }
}
