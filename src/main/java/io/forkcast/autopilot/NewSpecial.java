package io.forkcast.autopilot;

import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** A menu item to put on special, with the library photo to show (null: the item's best photo). */
public record NewSpecial(@NotNull UUID menuItemId, UUID assetId) {
}
