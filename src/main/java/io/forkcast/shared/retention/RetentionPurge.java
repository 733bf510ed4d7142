package io.forkcast.shared.retention;

import java.time.Instant;

/**
 * How the module owning a kind of retained rows deletes one batch of them: the rows older than a moment, at most
 * {@code batchSize}, in a transaction of its own, across tenants; answers how many it deleted. A module declares
 * one bean per kind it owns; {@link Retention} calls them until a batch comes back short.
 */
public record RetentionPurge(RetainedData data, Batch batch) {

    @FunctionalInterface
    public interface Batch {
        int deleteOlderThan(Instant cutoff, int batchSize);
    }
}
