package io.forkcast.posts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What a client asks to post: to each account, the same caption and assets, at one moment: {@code scheduledFor}
 * (an instant), or {@code localTime} in the tenant's time zone, or now.
 */
public record NewPost(List<UUID> accountIds, String caption, List<UUID> assetIds, Instant scheduledFor,
        LocalDateTime localTime, boolean publishNow) {
}
