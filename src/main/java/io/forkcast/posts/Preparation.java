package io.forkcast.posts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * What {@link DeliveryPreparer} made on the network ahead of a delivery's time, so that one Graph call is left at
 * the time itself: the Instagram container (processed, FINISHED), or the Facebook Page's unpublished photos, in the
 * post's order. {@code madeFrom} is the digest of everything they were made from; a delivery whose digest differs at
 * its time (its words, media, alt texts, place or options changed, or its account now answers for another user) is
 * made afresh, and what was prepared is left unused: an Instagram container expires unpublished after 24 hours, an
 * unpublished photo never shows on the Page.
 */
record Preparation(List<String> media, String madeFrom, Instant at) {

    /** Instagram expires a container 24 hours after it was made; one this old is not relied on. */
    static final Duration KEPT = Duration.ofHours(23);

    /** A delivery this close to its time is not prepared: the time itself is as near. */
    static final Duration TOO_CLOSE = Duration.ofSeconds(2);

    /** Whether this preparation can be used at {@code now} for a delivery now made from {@code madeFrom}. */
    boolean usable(String madeFrom, Instant now) {
        return this.madeFrom.equals(madeFrom) && now.isBefore(at.plus(KEPT));
    }

    /** The digest of the parts a preparation is made from, each given as text (null for none), in a fixed order. */
    static String digest(List<String> parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                // Each part is framed by its length, so that no two different lists give the same bytes.
                byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
                sha256.update((part == null ? "-1:" : bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha256.update(bytes);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
