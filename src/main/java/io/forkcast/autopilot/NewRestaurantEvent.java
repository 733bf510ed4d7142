package io.forkcast.autopilot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** One of the restaurant's own occasions, added or replaced whole. */
public record NewRestaurantEvent(@NotBlank @Size(max = 100) String name, @NotNull LocalDate date,
        @Size(max = 500) String note) {
}
