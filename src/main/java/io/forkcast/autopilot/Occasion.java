package io.forkcast.autopilot;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Something coming up: a public holiday of the restaurant's country and region ({@code holiday}) or one of its own
 * events ({@code event}, with its {@code eventId}).
 *
 * @param daysAway how many days from the restaurant's today
 */
public record Occasion(LocalDate date, String name, String kind, UUID eventId, long daysAway) {
}
