package io.forkcast.listing;

import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.google.DailyMetric;
import io.forkcast.google.GoogleClient;
import io.forkcast.google.GoogleError;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daily figures of the tenant's Google locations (Business Profile Performance API), fetched by the daily job
 * for the last {@code insights-days} days (Google's figures settle over a few days, so each day is fetched again
 * until it is that old) and kept here, one row per location, day and metric.
 */
@Service
public class GoogleInsights {

    /** The longest span one read covers. */
    public static final int MAX_DAYS = 366;

    private final GoogleLocations locations;
    private final GoogleClient google;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ListingProperties properties;
    private final Clock clock;

    GoogleInsights(GoogleLocations locations, GoogleClient google, JdbcClient jdbc,
            PlatformTransactionManager transactions, ListingProperties properties, Clock clock) {
        this.locations = locations;
        this.google = google;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    /** Fetches the recent days of every active location of the tenant; returns how many figures were stored. */
    public int sync(TenantId tenantId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = today.minusDays(properties.insightsDays());
        int stored = 0;
        for (ConnectedAccount account : locations.active(tenantId)) {
            GoogleLocations.Location location = locations.open(tenantId, account.id());
            Map<DailyMetric, Map<LocalDate, Long>> metrics;
            try {
                metrics = google.dailyMetrics(location.accessToken(), location.performanceName(), from,
                        today.minusDays(1));
            } catch (GoogleError e) {
                throw GoogleReviews.refused(e, "give the figures of " + account.username());
            }
            stored += transaction.execute(status -> store(tenantId, account.id(), metrics));
        }
        return stored;
    }

    /** Each active location's figures from {@code from} to {@code to} inclusive. */
    public List<ListingInsights> read(TenantId tenantId, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new InvalidFieldException("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new InvalidFieldException("from", "the span must be at most " + MAX_DAYS + " days");
        }
        List<ConnectedAccount> active = locations.active(tenantId);
        return transaction.execute(status -> {
            List<ListingInsights> all = new ArrayList<>();
            for (ConnectedAccount account : active) {
                Map<LocalDate, long[]> byDay = new TreeMap<>();
                jdbc.sql("select metric_day, metric, metric_value from google_daily_metrics where tenant_id = ? "
                        + "and account_id = ? and metric_day between ? and ?")
                        .params(tenantId.value(), account.id().value(), Date.valueOf(from), Date.valueOf(to))
                        .query(rs -> {
                            long[] figures = byDay.computeIfAbsent(rs.getDate("metric_day").toLocalDate(),
                                    d -> new long[7]);
                            int slot = slot(DailyMetric.valueOf(rs.getString("metric")));
                            figures[slot] += rs.getLong("metric_value");
                        });
                List<ListingInsights.Day> days = new ArrayList<>();
                ListingInsights.Figures total = ListingInsights.Figures.ZERO;
                for (Map.Entry<LocalDate, long[]> day : byDay.entrySet()) {
                    long[] f = day.getValue();
                    ListingInsights.Figures figures = new ListingInsights.Figures(f[0], f[1], f[2], f[3], f[4],
                            f[5], f[6]);
                    days.add(new ListingInsights.Day(day.getKey(), figures));
                    total = total.plus(figures);
                }
                all.add(new ListingInsights(account.id(), account.username(), from, to, days, total));
            }
            return all;
        });
    }

    /** Which of the owner's figures a Google metric adds to (impressions: desktop and mobile together). */
    private static int slot(DailyMetric metric) {
        return switch (metric) {
            case BUSINESS_IMPRESSIONS_DESKTOP_MAPS, BUSINESS_IMPRESSIONS_MOBILE_MAPS -> 0;
            case BUSINESS_IMPRESSIONS_DESKTOP_SEARCH, BUSINESS_IMPRESSIONS_MOBILE_SEARCH -> 1;
            case CALL_CLICKS -> 2;
            case WEBSITE_CLICKS -> 3;
            case BUSINESS_DIRECTION_REQUESTS -> 4;
            case BUSINESS_FOOD_ORDERS -> 5;
            case BUSINESS_FOOD_MENU_CLICKS -> 6;
        };
    }

    private int store(TenantId tenantId, AccountId accountId, Map<DailyMetric, Map<LocalDate, Long>> metrics) {
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
        int stored = 0;
        for (Map.Entry<DailyMetric, Map<LocalDate, Long>> metric : metrics.entrySet()) {
            for (Map.Entry<LocalDate, Long> day : metric.getValue().entrySet()) {
                int updated = jdbc.sql("update google_daily_metrics set metric_value = ?, fetched_at = ? where "
                        + "tenant_id = ? and account_id = ? and metric_day = ? and metric = ?")
                        .params(day.getValue(), now, tenantId.value(), accountId.value(), Date.valueOf(day.getKey()),
                                metric.getKey().name()).update();
                if (updated == 0) {
                    jdbc.sql("insert into google_daily_metrics (tenant_id, account_id, metric_day, metric, "
                            + "metric_value, fetched_at) values (?, ?, ?, ?, ?, ?)")
                            .params(tenantId.value(), accountId.value(), Date.valueOf(day.getKey()),
                                    metric.getKey().name(), day.getValue(), now).update();
                }
                stored++;
            }
        }
        return stored;
    }

    /** When the figures were last fetched for the tenant, null before the first time. */
    public Instant lastFetched(TenantId tenantId) {
        return transaction.execute(status -> jdbc.sql("select max(fetched_at) from google_daily_metrics where "
                + "tenant_id = ?").param(tenantId.value()).query(Timestamp.class).optional()
                .map(Timestamp::toInstant).orElse(null));
    }
}
