package io.forkcast.autopilot;

import java.time.LocalDate;
import java.util.UUID;

/** One of the restaurant's own occasions. */
public record RestaurantEventView(UUID id, String name, LocalDate date, String note) {
}
