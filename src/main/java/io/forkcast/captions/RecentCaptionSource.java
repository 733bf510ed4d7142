package io.forkcast.captions;

import io.forkcast.tenancy.TenantId;

import java.time.Instant;
import java.util.List;

/**
 * A service provider interface for modules that hold captions of their own, the publishing module's posted
 * captions above all: every bean implementing it is asked for a tenant's captions since a moment, and they
 * count as "recent" for anti-repetition beside the generated ones. Implementations answer for the tenant they
 * are given only, newest first, and bound what they return to {@code limit}.
 */
public interface RecentCaptionSource {

    List<RecentCaption> recentCaptions(TenantId tenantId, Instant since, int limit);

    /**
     * A caption as another module knows it.
     *
     * @param reference what a client can look it up by, as {@code <kind>:<id>} ({@code post:0190…})
     * @param text the caption text
     * @param at when it was posted or written
     */
    record RecentCaption(String reference, String text, Instant at) {
    }
}
