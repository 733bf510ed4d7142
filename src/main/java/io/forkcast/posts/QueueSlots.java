package io.forkcast.posts;

import io.forkcast.captions.Intent;
import io.forkcast.tenancy.TenantId;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The posting slots a queued post goes into: an SPI that the module owning the slots ({@code queue}, above this
 * one) implements, so that "add to queue" is part of creating a post (one transaction, one quota, one answer)
 * without this module calling up.
 */
public interface QueueSlots {

    /**
     * Serialises placements in the slots of {@code accountIds} until the transaction ends, so that two posts
     * queued at once on any instance never take the same slot. Called before the taken times are read.
     */
    void lock(TenantId tenantId, Collection<UUID> accountIds);

    /**
     * The earliest slot time after {@code after} and no later than {@code until} for a post to
     * {@code accountIds} with {@code intent} ({@code visit}: only while the restaurant is open), where none of the
     * accounts has a post at that instant in {@code taken}; empty when there is none.
     */
    Optional<Instant> next(TenantId tenantId, ZoneId zone, Collection<UUID> accountIds, Intent intent, Instant after,
            Instant until, Map<UUID, Set<Instant>> taken);
}
