package io.forkcast.queue;

import io.forkcast.captions.Weekday;

import java.time.LocalTime;
import java.util.UUID;

/** One weekly posting slot of an account. */
public record PostingSlot(UUID id, UUID accountId, Weekday day, LocalTime time) {

    SlotTime slotTime() {
        return new SlotTime(day, time);
    }
}
