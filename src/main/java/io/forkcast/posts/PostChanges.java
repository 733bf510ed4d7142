package io.forkcast.posts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The owner's change to a whole post before it starts: a new time (an instant, or a local time in the tenant's
 * time zone), a new caption, per-account captions (a null value goes back to the post's caption); null fields stay.
 */
public record PostChanges(Instant scheduledFor, LocalDateTime localTime, String caption,
        Map<UUID, String> captionsByAccount) {

    public PostChanges {
        captionsByAccount = captionsByAccount == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(captionsByAccount));
    }

    boolean moves() {
        return scheduledFor != null || localTime != null;
    }

    boolean rewords() {
        return caption != null || !captionsByAccount.isEmpty();
    }
}
