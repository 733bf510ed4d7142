package io.forkcast.shared.events;

import org.springframework.modulith.events.EventPublication;

/**
 * Names the failed event publications a module runs again by a job of its own (with its own pace and give-up), which
 * the general {@code event-retry} job then leaves alone.
 */
@FunctionalInterface
public interface RetriedElsewhere {

    boolean covers(EventPublication publication);
}
