package io.forkcast.approvals;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The approvals tables; every query names the tenant, except the one lookup of a share link by its token's hash. */
@Repository
class ApprovalStore {

    private static final String RECORD_COLUMNS = "id, post_id, action, actor_kind, actor_id, actor_name, comment, "
            + "scheduled_for, created_at";
    private static final String COMMENT_COLUMNS = "id, post_id, author_kind, author_id, author_name, body, created_at";
    private static final String LINK_COLUMNS = "l.id, l.tenant_id, l.post_id, l.label, l.created_by_kind, "
            + "l.created_by_id, l.expires_at, l.revoked_at, l.used_at, l.used_action, l.used_comment, l.created_at";

    /** A share link with its tenant, for the page its holder opens. */
    record LinkRow(UUID tenantId, ShareLink link) {
    }

    private final JdbcClient jdbc;

    ApprovalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean editorsNeedApproval(UUID tenantId) {
        return jdbc.sql("select editors_need_approval from approval_settings where tenant_id = ?").param(tenantId)
                .query(Boolean.class).optional().orElse(false);
    }

    void editorsNeedApproval(UUID tenantId, boolean needed, Instant now) {
        int updated = jdbc.sql("update approval_settings set editors_need_approval = ?, updated_at = ? "
                + "where tenant_id = ?").params(needed, time(now), tenantId).update();
        if (updated == 0) {
            jdbc.sql("insert into approval_settings (tenant_id, editors_need_approval, updated_at) values (?, ?, ?)")
                    .params(tenantId, needed, time(now)).update();
        }
    }

    void insert(UUID tenantId, ApprovalRecord record) {
        jdbc.sql("insert into approval_records (tenant_id, " + RECORD_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?)")
                .params(tenantId, record.id(), record.postId(), record.action().wireName(),
                        record.by().kind().wireName(), record.by().id(), record.by().name(), record.comment(),
                        time(record.scheduledFor()), time(record.at()))
                .update();
    }

    List<ApprovalRecord> records(UUID tenantId, UUID postId) {
        return jdbc.sql("select " + RECORD_COLUMNS + " from approval_records where tenant_id = ? and post_id = ? "
                + "order by id").params(tenantId, postId).query((row, n) -> record(row)).list();
    }

    /** The user who last asked for the post's approval, if a user did. */
    Optional<UUID> lastRequester(UUID tenantId, UUID postId) {
        List<Optional<UUID>> last = jdbc.sql("select actor_kind, actor_id from approval_records where tenant_id = ? "
                        + "and post_id = ? and action = 'requested' order by id desc limit 1")
                .params(tenantId, postId)
                .query((row, n) -> "user".equals(row.getString("actor_kind"))
                        ? Optional.ofNullable(row.getObject("actor_id", UUID.class)) : Optional.<UUID>empty())
                .list();
        return last.isEmpty() ? Optional.empty() : last.getFirst();
    }

    void insert(UUID tenantId, PostComment comment) {
        jdbc.sql("insert into post_comments (tenant_id, " + COMMENT_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(tenantId, comment.id(), comment.postId(), comment.author().kind().wireName(),
                        comment.author().id(), comment.author().name(), comment.body(), time(comment.createdAt()))
                .update();
    }

    List<PostComment> comments(UUID tenantId, UUID postId, UUID after, int limit) {
        return jdbc.sql("select " + COMMENT_COLUMNS + " from post_comments where tenant_id = ? and post_id = ? "
                        + "and id > ? order by id limit ?")
                .params(tenantId, postId, after == null ? new UUID(0, 0) : after, limit)
                .query((row, n) -> comment(row)).list();
    }

    Optional<PostComment> comment(UUID tenantId, UUID postId, UUID commentId) {
        return jdbc.sql("select " + COMMENT_COLUMNS + " from post_comments where tenant_id = ? and post_id = ? "
                + "and id = ?").params(tenantId, postId, commentId).query((row, n) -> comment(row)).optional();
    }

    void deleteComment(UUID tenantId, UUID commentId) {
        jdbc.sql("delete from post_comments where tenant_id = ? and id = ?").params(tenantId, commentId).update();
    }

    void insert(UUID tenantId, ShareLink link, String tokenSha256) {
        jdbc.sql("insert into approval_share_links (id, tenant_id, post_id, token_sha256, label, created_by_kind, "
                        + "created_by_id, expires_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(link.id(), tenantId, link.postId(), tokenSha256, link.label(),
                        link.createdBy().kind().wireName(), link.createdBy().id(), time(link.expiresAt()),
                        time(link.createdAt()))
                .update();
    }

    List<ShareLink> links(UUID tenantId, UUID postId) {
        return jdbc.sql("select " + LINK_COLUMNS + " from approval_share_links l where l.tenant_id = ? "
                + "and l.post_id = ? order by l.id").params(tenantId, postId)
                .query((row, n) -> link(row).link()).list();
    }

    Optional<ShareLink> link(UUID tenantId, UUID postId, UUID linkId) {
        return jdbc.sql("select " + LINK_COLUMNS + " from approval_share_links l where l.tenant_id = ? "
                        + "and l.post_id = ? and l.id = ?").params(tenantId, postId, linkId)
                .query((row, n) -> link(row).link()).optional();
    }

    /** The link whose token hashes to this, whatever its tenant: the caller runs this as the platform. */
    Optional<LinkRow> linkByToken(String tokenSha256) {
        return jdbc.sql("select " + LINK_COLUMNS + " from approval_share_links l where l.token_sha256 = ?")
                .param(tokenSha256).query((row, n) -> link(row)).optional();
    }

    boolean revoke(UUID tenantId, UUID linkId, Instant now) {
        return jdbc.sql("update approval_share_links set revoked_at = ? where tenant_id = ? and id = ? "
                + "and revoked_at is null").params(time(now), tenantId, linkId).update() == 1;
    }

    /** Marks the link used, once: false when it was used, revoked or expired meanwhile. */
    boolean use(UUID tenantId, UUID linkId, ApprovalAction action, String comment, Instant now) {
        return jdbc.sql("update approval_share_links set used_at = ?, used_action = ?, used_comment = ? "
                        + "where tenant_id = ? and id = ? and used_at is null and revoked_at is null "
                        + "and expires_at > ?")
                .params(time(now), action.wireName(), comment, tenantId, linkId, time(now)).update() == 1;
    }

    private static ApprovalRecord record(ResultSet row) throws SQLException {
        return new ApprovalRecord(row.getObject("id", UUID.class), row.getObject("post_id", UUID.class),
                ApprovalAction.fromWire(row.getString("action")),
                new ActedBy(ActorKind.fromWire(row.getString("actor_kind")), row.getObject("actor_id", UUID.class),
                        row.getString("actor_name")),
                row.getString("comment"), instant(row, "scheduled_for"), instant(row, "created_at"));
    }

    private static PostComment comment(ResultSet row) throws SQLException {
        return new PostComment(row.getObject("id", UUID.class), row.getObject("post_id", UUID.class),
                new ActedBy(ActorKind.fromWire(row.getString("author_kind")), row.getObject("author_id", UUID.class),
                        row.getString("author_name")),
                row.getString("body"), instant(row, "created_at"));
    }

    private static LinkRow link(ResultSet row) throws SQLException {
        String used = row.getString("used_action");
        return new LinkRow(row.getObject("tenant_id", UUID.class), new ShareLink(row.getObject("id", UUID.class),
                row.getObject("post_id", UUID.class), row.getString("label"),
                new ActedBy(ActorKind.fromWire(row.getString("created_by_kind")),
                        row.getObject("created_by_id", UUID.class), null),
                instant(row, "created_at"), instant(row, "expires_at"), instant(row, "revoked_at"),
                instant(row, "used_at"), used == null ? null : ApprovalAction.fromWire(used),
                row.getString("used_comment")));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
