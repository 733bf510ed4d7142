package io.forkcast.posts;

import io.forkcast.accounts.Platform;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A post as other modules and the API see it.
 *
 * @param late published more than the configured time after {@code scheduledFor}
 * @param attempts each publish try, oldest first (empty in lists)
 */
public record PostView(PostId id, UUID groupId, UUID accountId, Platform platform, String caption,
        List<UUID> assetIds, PostStatus status, Instant scheduledFor, Instant postedAt, String platformPostId,
        String permalink, String errorCode, String errorMessage, boolean late, int engagementLikes,
        int engagementComments, Instant createdAt, List<AttemptView> attempts) {

    /** One publish try: {@code outcome} is pending (running, or unknown after a crash), published, transient, failed or reconciled. */
    public record AttemptView(int number, Instant startedAt, Instant finishedAt, String outcome, String errorCode,
            String errorMessage, String containerId) {
    }

    static PostView of(Post post, List<UUID> assetIds, List<PostStore.Attempt> attempts) {
        return new PostView(new PostId(post.id()), post.groupId(), post.accountId(), post.platform(), post.caption(),
                List.copyOf(assetIds), post.status(), post.scheduledFor(), post.postedAt(), post.platformPostId(),
                post.permalink(), post.errorCode(), post.errorMessage(), post.publishedLate(), post.engagementLikes(),
                post.engagementComments(), post.createdAt(), attempts.stream().map(a -> new AttemptView(a.number(),
                        a.startedAt(), a.finishedAt(), a.outcome(), a.errorCode(), a.errorMessage(), a.containerId()))
                        .toList());
    }
}
