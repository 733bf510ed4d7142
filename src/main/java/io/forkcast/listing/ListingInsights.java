package io.forkcast.listing;

import io.forkcast.accounts.AccountId;

import java.time.LocalDate;
import java.util.List;

/**
 * A location's daily figures from Google over a span of days.
 *
 * @param days one entry per day Google has reported (days it has not yet reported are absent)
 * @param total the span's sums
 */
public record ListingInsights(AccountId accountId, String locationName, LocalDate from, LocalDate to,
        List<Day> days, Figures total) {

    /** One day's figures. */
    public record Day(LocalDate day, Figures figures) {
    }

    /**
     * What guests did with the listing: views on Maps and on Search (desktop and mobile together), calls, website
     * clicks, direction requests, food orders and menu clicks.
     */
    public record Figures(long mapsViews, long searchViews, long calls, long websiteClicks, long directionRequests,
            long foodOrders, long menuClicks) {

        static final Figures ZERO = new Figures(0, 0, 0, 0, 0, 0, 0);

        Figures plus(Figures other) {
            return new Figures(mapsViews + other.mapsViews, searchViews + other.searchViews, calls + other.calls,
                    websiteClicks + other.websiteClicks, directionRequests + other.directionRequests,
                    foodOrders + other.foodOrders, menuClicks + other.menuClicks);
        }
    }
}
