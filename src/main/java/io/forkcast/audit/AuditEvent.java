package io.forkcast.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One record of the audit trail.
 *
 * @param action       what happened, such as {@code post.created} or {@code api_key.revoked}
 * @param resourceType what it happened to: {@code post}, {@code account}, {@code user}, {@code api_key},
 *                     {@code settings}
 * @param resourceId   the id of that resource
 * @param summary      what changed, in a few words (never a secret)
 * @param ipAddress    the client's address as Forkcast sees it (behind a trusted proxy, the forwarded one); absent
 *                     for Forkcast's own jobs
 * @param userAgent    the client's user agent, cut at 300 characters
 */
public record AuditEvent(UUID id, Instant occurredAt, AuditActor actor, String action, String resourceType,
        String resourceId, String summary, String ipAddress, String userAgent) {
}
