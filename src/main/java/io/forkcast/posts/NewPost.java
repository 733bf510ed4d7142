package io.forkcast.posts;

import io.forkcast.shared.Platform;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What the owner writes: one caption and ordered assets for every target account (each may have a caption of its
 * own), at one moment: {@code scheduledFor} (an instant), or {@code localTime} in the tenant's time zone, or now.
 */
public record NewPost(String caption, List<UUID> assetIds, Instant scheduledFor, LocalDateTime localTime,
        boolean publishNow, List<Target> targets) {

    /**
     * One account the post goes to, in one of its network's formats (the feed when null); {@code caption}, when not
     * null, replaces the post's caption there.
     */
    public record Target(UUID accountId, String caption, Platform.Format format) {

        /** A feed post to the account. */
        public Target(UUID accountId, String caption) {
            this(accountId, caption, Platform.Format.FEED);
        }

        public Target {
            format = format == null ? Platform.Format.FEED : format;
        }
    }
}
