package io.forkcast.posts;

import io.forkcast.captions.Intent;
import io.forkcast.shared.Platform;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What the owner writes: one caption and ordered assets for every target account (each may have a caption of its
 * own), at one moment: {@code scheduledFor} (an instant), or {@code localTime} in the tenant's time zone, or now
 * (these pin the post to its time), or {@code queue}: the next free posting slot of its targets, a time the queue
 * may move earlier when a post before it leaves.
 */
public record NewPost(String caption, List<UUID> assetIds, Instant scheduledFor, LocalDateTime localTime,
        boolean publishNow, List<Target> targets, Intent intent, UUID menuItemId, boolean queue) {

    public NewPost {
        intent = intent == null ? Intent.GENERAL : intent;
    }

    /** A post pinned to its time (or published now). */
    public NewPost(String caption, List<UUID> assetIds, Instant scheduledFor, LocalDateTime localTime,
            boolean publishNow, List<Target> targets, Intent intent, UUID menuItemId) {
        this(caption, assetIds, scheduledFor, localTime, publishNow, targets, intent, menuItemId, false);
    }

    /** A {@code general} post about no particular menu item. */
    public NewPost(String caption, List<UUID> assetIds, Instant scheduledFor, LocalDateTime localTime,
            boolean publishNow, List<Target> targets) {
        this(caption, assetIds, scheduledFor, localTime, publishNow, targets, Intent.GENERAL, null);
    }

    /**
     * One account the post goes to, in one of its network's formats (the feed when null); {@code caption}, when not
     * null, replaces the post's caption there; {@code google}, for a Google listing only, its type, button, offer
     * or event (a "what's new" post when null); {@code firstComment}, when not null, is commented on the post as
     * soon as it is published; {@code location} says which place it is tagged at; {@code shareToFeed}, for an
     * Instagram Reel only, whether it also shows in the account's feed grid (yes when null).
     */
    public record Target(UUID accountId, String caption, Platform.Format format, io.forkcast.shared.GooglePost google,
            String firstComment, Location location, Boolean shareToFeed) {

        /** A feed post to the account, tagged at the restaurant's place, with no first comment. */
        public Target(UUID accountId, String caption) {
            this(accountId, caption, Platform.Format.FEED, null, null, Location.RESTAURANT);
        }

        /** A delivery where the network's own default for feed sharing holds. */
        public Target(UUID accountId, String caption, Platform.Format format, io.forkcast.shared.GooglePost google,
                String firstComment, Location location) {
            this(accountId, caption, format, google, firstComment, location, null);
        }

        public Target {
            format = format == null ? Platform.Format.FEED : format;
            location = location == null ? Location.RESTAURANT : location;
        }
    }

    /** Where a delivery is tagged: the restaurant's place from its profile (when it has one), or nowhere. */
    public enum Location {
        RESTAURANT, NONE
    }
}
