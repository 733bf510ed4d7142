package io.forkcast.approvals;

import java.util.UUID;

/**
 * Who did something, as recorded: the kind, the id (the user's, the key's, the share link's; null for the
 * operator) and the name shown to the team at the time.
 */
public record ActedBy(ActorKind kind, UUID id, String name) {
}
