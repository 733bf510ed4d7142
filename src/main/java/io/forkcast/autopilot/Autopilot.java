package io.forkcast.autopilot;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.Assets;
import io.forkcast.captions.MenuItem;
import io.forkcast.posts.PostView;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.Tenant;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A restaurant's autopilot: its settings, daily specials and the job that drafts them, its own events and the
 * public holidays of its country, the "coming up" list, and the drafts the owner approves or dismisses.
 */
@Service
public class Autopilot {

    /** How far ahead specials can be planned. */
    static final int SPECIALS_AHEAD_DAYS = 60;
    static final int MAX_SPECIALS_A_DAY = 10;

    private static final Logger log = LoggerFactory.getLogger(Autopilot.class);

    private final SettingsRepository settings;
    private final SpecialRepository specials;
    private final EventRepository events;
    private final DraftRepository drafts;
    private final Drafting drafting;
    private final Holidays holidays;
    private final Tenants tenants;
    private final Assets assets;
    private final AutopilotProperties properties;
    private final ObjectProvider<SchedulerClient> jobs;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate tx;
    private final Clock clock;

    Autopilot(SettingsRepository settings, SpecialRepository specials, EventRepository events,
            DraftRepository drafts, Drafting drafting, Holidays holidays, Tenants tenants, Assets assets,
            AutopilotProperties properties, ObjectProvider<SchedulerClient> jobs, CurrentTenant currentTenant,
            PlatformTransactionManager transactions, Clock clock) {
        this.settings = settings;
        this.specials = specials;
        this.events = events;
        this.drafts = drafts;
        this.drafting = drafting;
        this.holidays = holidays;
        this.tenants = tenants;
        this.assets = assets;
        this.properties = properties;
        this.jobs = jobs;
        this.currentTenant = currentTenant;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    // ---- settings

    @Transactional(readOnly = true)
    public AutopilotSettingsView settings(TenantId tenant) {
        tenants.get(tenant);
        return settingsOf(tenant).view();
    }

    @Transactional
    public AutopilotSettingsView changeSettings(TenantId tenant, AutopilotSettingsView changes) {
        Tenant found = tenants.get(tenant);
        if (changes.country() != null && !holidays.knows(changes.country())) {
            throw new InvalidFieldException("country", "No public holidays are known for " + changes.country()
                    + "; give a two-letter country code such as FR, DE or US.");
        }
        if (changes.region() != null && changes.country() == null) {
            throw new InvalidFieldException("region", "A region goes with a country.");
        }
        AutopilotSettings row = settingsOf(tenant);
        row.change(changes, clock.instant());
        AutopilotSettingsView saved = settings.saveAndFlush(row).view();
        scheduleSpecials(tenant, found.timezone(), saved);
        return saved;
    }

    private AutopilotSettings settingsOf(TenantId tenant) {
        return settings.findById(tenant.value())
                .orElseGet(() -> new AutopilotSettings(tenant.value(), properties, clock.instant()));
    }

    // ---- daily specials

    @Transactional(readOnly = true)
    public List<SpecialView> specials(TenantId tenant, LocalDate from, LocalDate to) {
        tenants.get(tenant);
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > SPECIALS_AHEAD_DAYS) {
            throw new InvalidFieldException("to", "must be on or after from, at most " + SPECIALS_AHEAD_DAYS
                    + " days later");
        }
        return specials.findByTenantIdAndSpecialDateBetweenOrderBySpecialDateAscCreatedAtAsc(tenant.value(), from,
                to).stream().map(SpecialView::of).toList();
    }

    /**
     * Sets a day's specials whole: today (the restaurant's today) or a day up to {@value #SPECIALS_AHEAD_DAYS} days
     * ahead. Specials already drafted stay as they are; the others are replaced.
     */
    @Transactional
    public List<SpecialView> setSpecials(TenantId tenant, LocalDate date, List<NewSpecial> items) {
        Tenant found = tenants.get(tenant);
        LocalDate today = LocalDate.now(clock.withZone(found.timezone()));
        if (date.isBefore(today) || date.isAfter(today.plusDays(SPECIALS_AHEAD_DAYS))) {
            throw new InvalidFieldException("date", "must be today or a day up to " + SPECIALS_AHEAD_DAYS
                    + " days ahead (the restaurant's today is " + today + ")");
        }
        if (items.size() > MAX_SPECIALS_A_DAY) {
            throw new InvalidFieldException("items", "at most " + MAX_SPECIALS_A_DAY + " specials a day");
        }
        Set<UUID> seen = new HashSet<>();
        for (NewSpecial item : items) {
            if (!seen.add(item.menuItemId())) {
                throw new InvalidFieldException("items", "The menu item " + item.menuItemId() + " is named twice.");
            }
            drafting.menuItem(tenant, item.menuItemId());
            if (item.assetId() != null) {
                try {
                    assets.get(tenant, new AssetId(item.assetId()));
                } catch (DomainException e) {
                    throw new InvalidFieldException("items.asset_id", "No asset " + item.assetId()
                            + " in the library.");
                }
            }
        }
        List<DailySpecial> existing = specials.findByTenantIdAndSpecialDateOrderByCreatedAtAsc(tenant.value(), date);
        Set<UUID> drafted = new HashSet<>();
        for (DailySpecial special : existing) {
            if (special.draftId() == null) {
                specials.delete(special);
            } else {
                drafted.add(special.menuItemId());
            }
        }
        specials.flush();
        Instant now = clock.instant();
        for (NewSpecial item : items) {
            if (!drafted.contains(item.menuItemId())) {
                specials.save(new DailySpecial(tenant.value(), date, item.menuItemId(), item.assetId(), now));
            }
        }
        specials.flush();
        scheduleSpecials(tenant, found.timezone(), settingsOf(tenant).view());
        return specials.findByTenantIdAndSpecialDateOrderByCreatedAtAsc(tenant.value(), date).stream()
                .map(SpecialView::of).toList();
    }

    /** When the restaurant's specials job runs next (null: not queued). */
    public Instant nextSpecialsRun(TenantId tenant) {
        return jobs.getObject().getScheduledExecution(SpecialsJob.id(tenant.value()))
                .map(e -> e.getExecutionTime()).orElse(null);
    }

    private void scheduleSpecials(TenantId tenant, ZoneId zone, AutopilotSettingsView view) {
        SpecialsJob.schedule(jobs.getObject(), tenant.value(), SpecialsJob.next(clock.instant(), zone,
                view.specialsTime()));
    }

    /**
     * The specials job's run for one restaurant, due at {@code due}: drafts (or publishes) the specials of the
     * restaurant's calendar day of {@code due} that have no draft yet, one transaction per special (a caption that
     * fails leaves the others done). Answers the next run, or null when the restaurant is gone.
     */
    Instant runSpecials(TenantId tenant, Instant due) {
        return currentTenant.callAsTenant(tenant, null, () -> {
            Tenant found = tx.execute(status -> tenants.find(tenant).orElse(null));
            if (found == null) {
                return null;
            }
            ZoneId zone = found.timezone();
            AutopilotSettingsView view = tx.execute(status -> settingsOf(tenant).view());
            LocalDate day = due.atZone(zone).toLocalDate();
            List<UUID> waiting = tx.execute(status -> specials
                    .findByTenantIdAndSpecialDateOrderByCreatedAtAsc(tenant.value(), day).stream()
                    .filter(s -> s.draftId() == null).map(DailySpecial::id).toList());
            for (UUID specialId : waiting) {
                UUID draft;
                try {
                    draft = tx.execute(status -> draftSpecial(tenant, specialId, due, zone));
                } catch (RuntimeException e) {
                    log.warn("Special {} of tenant {} was not drafted: {}", specialId, tenant.value(), e.getMessage());
                    continue;
                }
                if (draft != null && view.specialsMode() == SpecialsMode.PUBLISH) {
                    // Its own transaction: a post the networks' rules refuse leaves the draft for the owner.
                    try {
                        tx.executeWithoutResult(status -> drafting.publish(tenant, findDraft(tenant, draft), null));
                    } catch (RuntimeException e) {
                        log.warn("Draft {} of tenant {} was not published; it waits for the owner: {}", draft,
                                tenant.value(), e.getMessage());
                    }
                }
            }
            Instant after = due.isAfter(clock.instant()) ? due : clock.instant();
            return SpecialsJob.next(after, zone, view.specialsTime());
        });
    }

    /** Drafts one special; answers the draft's id, or null when there was nothing to draft. */
    private UUID draftSpecial(TenantId tenant, UUID specialId, Instant due, ZoneId zone) {
        DailySpecial special = specials.findById(specialId).orElse(null);
        if (special == null || special.draftId() != null) {
            return null;
        }
        MenuItem item;
        try {
            item = drafting.menuItem(tenant, special.menuItemId());
        } catch (InvalidFieldException gone) {
            return null;
        }
        if (item.unavailableAt(due, zone).isPresent()) {
            log.info("Special {} not drafted: its item is unavailable", specialId);
            return null;
        }
        Draft draft = drafting.special(tenant, special.date(), item, special.assetId());
        special.drafted(draft.id());
        specials.saveAndFlush(special);
        return draft.id();
    }

    // ---- the restaurant's own events

    @Transactional(readOnly = true)
    public List<RestaurantEventView> events(TenantId tenant) {
        tenants.get(tenant);
        return events.findByTenantIdOrderByEventDateAsc(tenant.value()).stream().map(RestaurantEvent::view).toList();
    }

    @Transactional
    public RestaurantEventView addEvent(TenantId tenant, NewRestaurantEvent event) {
        tenants.get(tenant);
        return events.saveAndFlush(new RestaurantEvent(tenant.value(), event, clock.instant())).view();
    }

    @Transactional(readOnly = true)
    public RestaurantEventView event(TenantId tenant, UUID eventId) {
        tenants.get(tenant);
        return findEvent(tenant, eventId).view();
    }

    @Transactional
    public RestaurantEventView changeEvent(TenantId tenant, UUID eventId, NewRestaurantEvent event) {
        tenants.get(tenant);
        RestaurantEvent found = findEvent(tenant, eventId);
        found.change(event, clock.instant());
        return events.saveAndFlush(found).view();
    }

    @Transactional
    public void removeEvent(TenantId tenant, UUID eventId) {
        tenants.get(tenant);
        events.delete(findEvent(tenant, eventId));
    }

    private RestaurantEvent findEvent(TenantId tenant, UUID eventId) {
        return events.findByTenantIdAndId(tenant.value(), eventId)
                .orElseThrow(() -> DomainException.notFound("Event"));
    }

    // ---- coming up

    /**
     * Public holidays of the restaurant's country (and region) and its own events from its today to {@code days}
     * ahead (the setting when null), by date.
     */
    @Transactional(readOnly = true)
    public List<Occasion> comingUp(TenantId tenant, Integer days) {
        Tenant found = tenants.get(tenant);
        AutopilotSettingsView view = settingsOf(tenant).view();
        int ahead = days == null ? view.comingUpDays() : days;
        LocalDate today = LocalDate.now(clock.withZone(found.timezone()));
        LocalDate last = today.plusDays(ahead);
        List<Occasion> occasions = new ArrayList<>();
        for (Holidays.PublicHoliday holiday : holidays.between(view.country(), view.region(), today, last)) {
            occasions.add(new Occasion(holiday.date(), holiday.name(), "holiday", null,
                    ChronoUnit.DAYS.between(today, holiday.date())));
        }
        for (RestaurantEvent event : events.findByTenantIdAndEventDateBetweenOrderByEventDateAsc(tenant.value(),
                today, last)) {
            occasions.add(new Occasion(event.date(), event.name(), "event", event.view().id(),
                    ChronoUnit.DAYS.between(today, event.date())));
        }
        occasions.sort(Comparator.comparing(Occasion::date).thenComparing(Occasion::name));
        return occasions;
    }

    // ---- drafts

    @Transactional(readOnly = true)
    public List<DraftView> drafts(TenantId tenant, DraftStatus status) {
        tenants.get(tenant);
        if (status == null) {
            return drafts.findByTenantIdOrderByCreatedAtDesc(tenant.value(),
                    org.springframework.data.domain.Limit.of(100)).stream().map(Draft::view).toList();
        }
        return drafts.findByTenantIdAndStatusOrderByForDateAscCreatedAtAsc(tenant.value(), status).stream()
                .map(Draft::view).toList();
    }

    @Transactional(readOnly = true)
    public DraftView draft(TenantId tenant, UUID draftId) {
        tenants.get(tenant);
        return findDraft(tenant, draftId).view();
    }

    /** A draft written for an occasion on {@code date}, about a menu item or (none) the restaurant itself. */
    @Transactional
    public DraftView draftOccasion(TenantId tenant, LocalDate date, String occasion, UUID menuItemId) {
        Tenant found = tenants.get(tenant);
        LocalDate today = LocalDate.now(clock.withZone(found.timezone()));
        if (date.isBefore(today)) {
            throw new InvalidFieldException("date", "must be today or later (the restaurant's today is " + today
                    + ")");
        }
        return drafting.occasion(tenant, found.name(), date, occasion.strip(), menuItemId).view();
    }

    /** Approves a pending draft: it becomes an ordinary post, published now or scheduled for {@code at}. */
    @Transactional
    public PostView approve(TenantId tenant, UUID draftId, Instant at) {
        tenants.get(tenant);
        Draft draft = findDraft(tenant, draftId);
        draft.requirePending("approved");
        return drafting.publish(tenant, draft, at);
    }

    @Transactional
    public DraftView dismiss(TenantId tenant, UUID draftId) {
        tenants.get(tenant);
        Draft draft = findDraft(tenant, draftId);
        draft.dismiss(clock.instant());
        return drafts.saveAndFlush(draft).view();
    }

    private Draft findDraft(TenantId tenant, UUID draftId) {
        return drafts.findByTenantIdAndId(tenant.value(), draftId)
                .orElseThrow(() -> DomainException.notFound("Draft"));
    }
}
