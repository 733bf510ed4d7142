package io.forkcast.queue;

import io.forkcast.captions.Weekday;
import jakarta.validation.constraints.NotNull;

import java.time.LocalTime;

/** A weekly time: a day of the week and a local time (minutes only) in the restaurant's time zone. */
public record SlotTime(@NotNull Weekday day, @NotNull LocalTime time) implements Comparable<SlotTime> {

    public SlotTime {
        if (time != null) {
            time = time.withSecond(0).withNano(0);
        }
    }

    @Override
    public int compareTo(SlotTime other) {
        int byDay = day.compareTo(other.day);
        return byDay != 0 ? byDay : time.compareTo(other.time);
    }
}
