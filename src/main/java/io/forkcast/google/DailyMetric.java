package io.forkcast.google;

import java.util.List;

/**
 * The daily metrics Forkcast reads from the Business Profile Performance API
 * ({@code locations.fetchMultiDailyMetricsTimeSeries}); the names are Google's {@code DailyMetric} values.
 */
public enum DailyMetric {
    BUSINESS_IMPRESSIONS_DESKTOP_MAPS,
    BUSINESS_IMPRESSIONS_DESKTOP_SEARCH,
    BUSINESS_IMPRESSIONS_MOBILE_MAPS,
    BUSINESS_IMPRESSIONS_MOBILE_SEARCH,
    BUSINESS_DIRECTION_REQUESTS,
    CALL_CLICKS,
    WEBSITE_CLICKS,
    BUSINESS_FOOD_ORDERS,
    BUSINESS_FOOD_MENU_CLICKS;

    /** Every metric, in the order asked for. */
    public static List<DailyMetric> all() {
        return List.of(values());
    }
}
