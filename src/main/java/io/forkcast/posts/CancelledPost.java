package io.forkcast.posts;

import java.util.List;
import java.util.UUID;

/** A cancel's answer: the post as it is now, and the deliveries that had already started and were not called back. */
public record CancelledPost(PostView post, List<UUID> alreadyStarted) {
}
