package io.forkcast.autopilot;

import java.time.LocalDate;
import java.util.UUID;

/** A menu item on special on a date; {@code draftId} once its post was drafted. */
public record SpecialView(UUID id, LocalDate date, UUID menuItemId, UUID assetId, UUID draftId) {

    static SpecialView of(DailySpecial special) {
        return new SpecialView(special.id(), special.date(), special.menuItemId(), special.assetId(),
                special.draftId());
    }
}
