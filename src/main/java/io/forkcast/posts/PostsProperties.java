package io.forkcast.posts;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the posts module ({@code forkcast.posts.*}).
 *
 * @param horizon how far ahead a post may be scheduled
 * @param maxAttempts publish attempts of a delivery before a transient failure becomes final
 * @param retryBaseDelay the first retry's delay; each further retry doubles it (with up to 50 % jitter)
 * @param retryMaxDelay no retry waits longer than this
 * @param lateAfter a post that would go out more than this after its time is late: see {@code latePolicy}
 * @param latePolicy what happens to a late post: {@code publish-flagged} publishes it with {@code late: true};
 *                   {@code hold} stops it in status {@code held} until the owner publishes it (retry) or cancels it
 * @param sweepInterval how often the sweep looks for due scheduled deliveries whose job is missing
 * @param containerPollInitial the wait before asking Instagram whether a container is ready, during the first second
 *                             after it was made; then it doubles each time (at most 5 s)
 * @param containerPollMax how long to wait in total for a photo container to be FINISHED
 * @param videoPollMax how long to wait in total for a container with a video (Reel, Story, carousel) to be FINISHED,
 *                     or for a Facebook video, Reel or video Story to be published: Meta processes video for minutes; the job's claim is kept alive by the scheduler's
 *                     heartbeat meanwhile, and the looks back off to one every 5 s
 * @param reconcileWindow how far around the attempt the platform's recent posts are searched for the caption
 * @param firstEngagementAfter how long after a delivery goes out its first likes and comments are fetched (the
 *                             regular sync follows every {@code engagementInterval})
 * @param engagementInterval how often likes and comments of recently published posts are fetched
 * @param engagementWindow posts published within this time are synced
 * @param prepareAhead how long before its time a Facebook feed or Instagram delivery is prepared: its Instagram
 *                     container made and processed, its Facebook photos uploaded unpublished, so that one Graph call
 *                     is left at the time itself; 0 prepares nothing (everything happens at the time). A delivery
 *                     changed after it was prepared is made afresh
 * @param prepareInterval how often an instance looks for deliveries that came within {@code prepareAhead} (a post
 *                        created or changed on an instance is looked at once)
 * @param preparingThreads deliveries prepared at once on an instance (each mostly waits for Meta); more due soon
 *                         wait for a free thread, and those still waiting at their time are made in full then
 * @param recordAfter how long after the network took a post it is recorded on the post (published, its events and
 *                    webhooks) by its job's next run; meanwhile the delivery shows {@code publishing}. Jobs are
 *                    claimed in order of their time, so posts due at once all go out before any of them is recorded,
 *                    and with a second's wait the last of a small burst need not share the cores with the first
 *                    ones' recording either
 */
@Validated
@ConfigurationProperties("forkcast.posts")
record PostsProperties(
        @DefaultValue("90d") Duration horizon,
        @DefaultValue("5") @Min(1) int maxAttempts,
        @DefaultValue("30s") Duration retryBaseDelay,
        @DefaultValue("15m") Duration retryMaxDelay,
        @DefaultValue("5m") Duration lateAfter,
        @DefaultValue("publish-flagged") LatePolicy latePolicy,
        @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("200ms") Duration containerPollInitial,
        @DefaultValue("60s") Duration containerPollMax,
        @DefaultValue("10m") Duration videoPollMax,
        @DefaultValue("1h") Duration reconcileWindow,
        @DefaultValue("10m") Duration firstEngagementAfter,
        @DefaultValue("1h") Duration engagementInterval,
        @DefaultValue("7d") Duration engagementWindow,
        @DefaultValue("10m") Duration prepareAhead,
        @DefaultValue("30s") Duration prepareInterval,
        @DefaultValue("8") @Min(1) int preparingThreads,
        @DefaultValue("1s") Duration recordAfter) {

    /** What happens to a post that would go out later than {@code lateAfter}. */
    enum LatePolicy {
        /** Publish it anyway, flagged {@code late}. */
        PUBLISH_FLAGGED,
        /** Hold it for the owner (status {@code held}): they publish it now or cancel it. */
        HOLD
    }
}
