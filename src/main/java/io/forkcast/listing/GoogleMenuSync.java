package io.forkcast.listing;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.captions.MenuItem;
import io.forkcast.captions.MenuItems;
import io.forkcast.captions.RestaurantProfiles;
import io.forkcast.google.FoodMenu;
import io.forkcast.google.GoogleClient;
import io.forkcast.google.GoogleError;
import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps each Google location's food menu equal to the restaurant's menu: on demand, and after each menu change
 * (one db-scheduler execution per location, started {@code menu-sync-delay} after the first change, so a burst of
 * edits goes out as one write; a change made while a sync runs makes it run again). Each sync writes the whole
 * menu as it is then, so the last write wins. Every attempt's outcome is kept for the owner to see.
 */
@Service
public class GoogleMenuSync {

    private static final Logger log = LoggerFactory.getLogger(GoogleMenuSync.class);

    static final String SEASONAL = "Seasonal specials";
    static final String MENU = "Menu";

    /** Our dietary tags Google has a {@code DietaryRestriction} for; the others (gluten-free...) it cannot show. */
    static final Map<String, String> DIETARY = Map.of("vegan", "VEGAN", "vegetarian", "VEGETARIAN", "halal",
            "HALAL", "kosher", "KOSHER", "organic", "ORGANIC");

    private final GoogleLocations locations;
    private final GoogleClient google;
    private final MenuItems menu;
    private final RestaurantProfiles profiles;
    // Lazily: the scheduler is built from every task, this service's job among them.
    private final ObjectProvider<SchedulerClient> jobs;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ListingProperties properties;
    private final Clock clock;

    GoogleMenuSync(GoogleLocations locations, GoogleClient google, MenuItems menu, RestaurantProfiles profiles,
            ObjectProvider<SchedulerClient> jobs, JdbcClient jdbc, PlatformTransactionManager transactions,
            ListingProperties properties, Clock clock) {
        this.locations = locations;
        this.google = google;
        this.menu = menu;
        this.profiles = profiles;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    /** The sync state of each of the tenant's active Google locations. */
    public List<MenuSyncState> states(TenantId tenantId) {
        List<ConnectedAccount> active = locations.active(tenantId);
        return transaction.execute(status -> active.stream().map(account -> state(tenantId, account)).toList());
    }

    /** Writes the menu to every active Google location now; returns each location's outcome. */
    public List<MenuSyncState> syncNow(TenantId tenantId) {
        List<MenuSyncState> states = new ArrayList<>();
        for (ConnectedAccount account : locations.active(tenantId)) {
            transaction.executeWithoutResult(status -> request(tenantId, account.id(), now()));
            sync(tenantId, account.id());
            states.add(transaction.execute(status -> state(tenantId, account)));
        }
        return states;
    }

    /** The menu changed: each Google location gets a sync {@code menu-sync-delay} from now (unless one is due). */
    void menuChanged(TenantId tenantId) {
        Instant now = now();
        for (ConnectedAccount account : locations.active(tenantId)) {
            transaction.executeWithoutResult(status -> request(tenantId, account.id(), now));
            jobs.getObject().scheduleIfNotExists(MenuSyncJob.instance(account.id().value(), tenantId.value()),
                    now.plus(properties.menuSyncDelay()));
        }
    }

    /**
     * The job's run for one location: writes the menu; returns when to run again (a change arrived meanwhile, or
     * Google asked us to wait), or null when done.
     */
    Instant runJob(TenantId tenantId, AccountId accountId) {
        Instant started = now();
        boolean retry = sync(tenantId, accountId);
        if (retry) {
            return now().plus(properties.menuRetryDelay());
        }
        Instant requested = transaction.execute(status -> jdbc.sql(
                "select requested_at from google_menu_syncs where tenant_id = ? and account_id = ?")
                .params(tenantId.value(), accountId.value()).query(Timestamp.class).optional()
                .map(Timestamp::toInstant).orElse(null));
        return requested != null && requested.isAfter(started) ? now().plus(properties.menuSyncDelay()) : null;
    }

    /** One sync of one location; true when it failed for a reason that may pass. */
    private boolean sync(TenantId tenantId, AccountId accountId) {
        Instant attempted = now();
        FoodMenu food;
        GoogleLocations.Location location;
        try {
            food = foodMenu(tenantId);
            location = locations.open(tenantId, accountId);
        } catch (DomainException e) {
            // Not found (disconnected meanwhile) or needs reconnecting: nothing to retry until the owner acts.
            record(tenantId, accountId, "failed", null, e.getMessage(), attempted, null);
            return false;
        }
        try {
            google.updateFoodMenu(location.accessToken(), location.parent(), food);
            record(tenantId, accountId, "synced", food.itemCount(), null, attempted, now());
            log.info("Menu of {} items written to Google location {}", food.itemCount(), accountId);
            return false;
        } catch (GoogleError e) {
            record(tenantId, accountId, "failed", null, sentence(e), attempted, null);
            log.info("Menu sync of Google location {} failed: HTTP {} {}", accountId, e.httpStatus(), e.status());
            return e.retryable();
        }
    }

    /** The restaurant's menu as Google's food menu: the seasonal specials first, then the rest. */
    FoodMenu foodMenu(TenantId tenantId) {
        List<MenuItem> items = menu.all(tenantId);
        String language = profiles.get(tenantId).defaultLanguage();
        List<FoodMenu.Dish> seasonal = new ArrayList<>();
        List<FoodMenu.Dish> regular = new ArrayList<>();
        for (MenuItem item : items) {
            FoodMenu.Dish dish = new FoodMenu.Dish(cut(item.name(), FoodMenu.NAME_MAX),
                    item.description() == null ? null : cut(item.description(), FoodMenu.DESCRIPTION_MAX),
                    item.price(), item.price() == null ? null : item.currency(),
                    item.dietaryTags().stream().map(DIETARY::get).filter(java.util.Objects::nonNull).distinct()
                            .toList());
            (item.seasonal() ? seasonal : regular).add(dish);
        }
        List<FoodMenu.Section> sections = new ArrayList<>();
        if (!seasonal.isEmpty()) {
            sections.add(new FoodMenu.Section(SEASONAL, seasonal));
        }
        if (!regular.isEmpty()) {
            sections.add(new FoodMenu.Section(MENU, regular));
        }
        return new FoodMenu(language, sections);
    }

    /** Google's refusal as a sentence the owner can act on; never a token. */
    static String sentence(GoogleError e) {
        return switch (e.kind()) {
            case RATE_LIMITED -> "Google asked us to slow down (quota reached); the menu will be sent again shortly.";
            case TRANSIENT -> "Google did not answer; the menu will be sent again shortly.";
            case UNAUTHENTICATED, INVALID_GRANT -> "Google refused Forkcast's access: connect Google again.";
            case PERMISSION_DENIED -> "This Google account can no longer edit the listing: check its access in "
                    + "Business Profile, then connect Google again.";
            case NOT_FOUND -> "Google does not know this listing any more: connect Google again.";
            case INVALID_ARGUMENT -> "Google refused the menu: " + e.googleMessage() + (e.fieldViolations().isEmpty()
                    ? "" : " (" + String.join("; ", e.fieldViolations().stream()
                    .map(v -> v.field() + ": " + v.description()).toList()) + ")");
        };
    }

    private MenuSyncState state(TenantId tenantId, ConnectedAccount account) {
        Optional<MenuSyncState> row = jdbc.sql("select status, item_count, error, requested_at, attempted_at, "
                + "synced_at from google_menu_syncs where tenant_id = ? and account_id = ?")
                .params(tenantId.value(), account.id().value())
                .query((rs, n) -> {
                    Instant requested = instant(rs.getTimestamp("requested_at"));
                    Instant attempted = instant(rs.getTimestamp("attempted_at"));
                    MenuSyncState.Status status = MenuSyncState.Status.valueOf(rs.getString("status")
                            .toUpperCase(java.util.Locale.ROOT));
                    if (requested != null && (attempted == null || requested.isAfter(attempted))) {
                        status = MenuSyncState.Status.PENDING;
                    }
                    int count = rs.getInt("item_count");
                    return new MenuSyncState(account.id(), account.username(), status,
                            rs.wasNull() ? null : count, rs.getString("error"), requested, attempted,
                            instant(rs.getTimestamp("synced_at")));
                }).optional();
        return row.orElseGet(() -> new MenuSyncState(account.id(), account.username(), MenuSyncState.Status.NEVER,
                null, null, null, null, null));
    }

    private void request(TenantId tenantId, AccountId accountId, Instant at) {
        int updated = jdbc.sql("update google_menu_syncs set requested_at = ? where tenant_id = ? and account_id = ?")
                .params(Timestamp.from(at), tenantId.value(), accountId.value()).update();
        if (updated == 0) {
            insert(tenantId.value(), accountId.value(), "pending", null, null, at, null, null);
        }
    }

    private void record(TenantId tenantId, AccountId accountId, String status, Integer count, String error,
            Instant attempted, Instant synced) {
        transaction.executeWithoutResult(tx -> {
            int updated = jdbc.sql("update google_menu_syncs set status = ?, item_count = coalesce(?, item_count), "
                    + "error = ?, attempted_at = ?, synced_at = coalesce(?, synced_at) "
                    + "where tenant_id = ? and account_id = ?")
                    .params(status, count, error, Timestamp.from(attempted), synced == null ? null
                            : Timestamp.from(synced), tenantId.value(), accountId.value()).update();
            if (updated == 0) {
                insert(tenantId.value(), accountId.value(), status, count, error, null, attempted, synced);
            }
        });
    }

    private void insert(UUID tenantId, UUID accountId, String status, Integer count, String error,
            Instant requested, Instant attempted, Instant synced) {
        try {
            jdbc.sql("insert into google_menu_syncs (tenant_id, account_id, status, item_count, error, requested_at, "
                    + "attempted_at, synced_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(tenantId, accountId, status, count, error, ts(requested), ts(attempted), ts(synced))
                    .update();
        } catch (DuplicateKeyException raced) {
            // Another instance wrote the first row a moment ago: the next change or run updates it.
            log.debug("Menu sync row of {} written concurrently", accountId);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String cut(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
