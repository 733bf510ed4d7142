package io.forkcast.captions;

import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;

import java.time.Instant;
import java.util.List;

/**
 * A service provider interface for the module that knows how captions did once published (the publishing module,
 * from its engagement snapshots): the tenant's best-performing captions are quoted in the prompt as examples of
 * the voice that works. Implementations answer for the tenant they are given only.
 */
public interface CaptionPerformanceSource {

    /**
     * The tenant's published captions on {@code platform} since {@code since}, best first by engagement (likes,
     * comments and shares of the latest snapshot), those with at least {@code minimumEngagement}, at most
     * {@code limit}.
     */
    List<PerformingCaption> bestPerforming(TenantId tenantId, Platform platform, Instant since, int minimumEngagement,
            int limit);

    /**
     * A published caption and how it did.
     *
     * @param reference what a client can look it up by ({@code post:<id>})
     * @param text the caption as published
     * @param engagement likes + comments + shares at the latest snapshot
     * @param postedAt when it was published
     */
    record PerformingCaption(String reference, String text, int engagement, Instant postedAt) {
    }
}
