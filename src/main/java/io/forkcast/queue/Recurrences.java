package io.forkcast.queue;

import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.Assets;
import io.forkcast.captions.CaptionRequest;
import io.forkcast.captions.Captions;
import io.forkcast.captions.Intent;
import io.forkcast.captions.ItemDetails;
import io.forkcast.captions.MenuItems;
import io.forkcast.captions.Weekday;
import io.forkcast.posts.NewPost;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.Plan;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Recurring posts: the owner's rule and material, and their occurrences created ahead of time (within
 * {@code forkcast.queue.recurrence-lookahead}) by the {@code recurring-posts} job as ordinary posts pinned to their
 * time, each re-captioned by the caption writer (whose anti-repetition keeps any two apart) and with the next photo
 * of the rotation. Each occurrence number is created once: the recurrence's row is locked while it is, and the
 * occurrence's primary key refuses a second. An occurrence whose time passed before it could be created (paused,
 * or refused until then) is skipped, never posted late.
 */
@Service
public class Recurrences {

    private static final Logger log = LoggerFactory.getLogger(Recurrences.class);
    private static final String COLUMNS = "id, status, kind, weekdays, every_days, local_time, starts_on, until_date, "
            + "max_count, account_ids, asset_ids, intent, menu_item_id, subject, occasion, next_number, last_error, "
            + "created_at";

    /** A stored recurrence with its tenant's zone applied. */
    private record Row(UUID id, Recurrence.Status status, RecurrenceRule rule, List<UUID> accountIds,
            List<UUID> assetIds, Intent intent, UUID menuItemId, String subject, String occasion, int nextNumber,
            String lastError, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;
    private final Tenants tenants;
    private final Accounts accounts;
    private final Assets assets;
    private final MenuItems menuItems;
    private final Captions captions;
    private final Posts posts;
    private final CurrentTenant currentTenant;
    private final QueueProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;

    Recurrences(JdbcTemplate jdbc, Tenants tenants, Accounts accounts, Assets assets, MenuItems menuItems,
            Captions captions, Posts posts, CurrentTenant currentTenant, QueueProperties properties, Clock clock,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.accounts = accounts;
        this.assets = assets;
        this.menuItems = menuItems;
        this.captions = captions;
        this.posts = posts;
        this.currentTenant = currentTenant;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Creates the recurrence (400 naming the field for a rule or material that cannot work) and its first
     * occurrence when it is due within the look-ahead; the {@code recurring-posts} job creates (and captions) the
     * others, so the request writes one caption, not one for each day of the look-ahead.
     */
    public Recurrence create(TenantId tenantId, NewRecurrence request) {
        UUID id = transaction.execute(status -> insert(tenantId, request));
        fill(tenantId, id, 1);
        return get(tenantId, id);
    }

    public CursorPage<Recurrence> list(TenantId tenantId, PageRequest page) {
        return readOnly.execute(status -> {
            ZoneId zone = tenants.get(tenantId).timezone();
            List<Row> rows = page.after() == null
                    ? jdbc.query("select " + COLUMNS + " from recurrences where tenant_id = ? order by id limit ?",
                            this::row, tenantId.value(), page.size() + 1)
                    : jdbc.query("select " + COLUMNS + " from recurrences where tenant_id = ? and id > ? order by id "
                            + "limit ?", this::row, tenantId.value(), page.after(), page.size() + 1);
            return CursorPage.of(rows, page.size(), Row::id, row -> view(tenantId, row, zone, false));
        });
    }

    public Recurrence get(TenantId tenantId, UUID id) {
        return readOnly.execute(status -> view(tenantId, find(tenantId, id, false), tenants.get(tenantId).timezone(),
                true));
    }

    /** Stops creating occurrences until resumed (409 once ended); those created stay on the calendar. */
    public Recurrence pause(TenantId tenantId, UUID id) {
        return move(tenantId, id, Recurrence.Status.ACTIVE, Recurrence.Status.PAUSED);
    }

    /** Creates occurrences again, from the next one still ahead (409 unless paused); the job creates the others. */
    public Recurrence resume(TenantId tenantId, UUID id) {
        move(tenantId, id, Recurrence.Status.PAUSED, Recurrence.Status.ACTIVE);
        fill(tenantId, id, 1);
        return get(tenantId, id);
    }

    /** Ends the recurrence for good (409 when ended already); occurrences created stay, as ordinary posts. */
    public Recurrence end(TenantId tenantId, UUID id) {
        return move(tenantId, id, null, Recurrence.Status.ENDED);
    }

    /** Creates the due occurrences of every active recurrence of every tenant: the {@code recurring-posts} job. */
    void fillAll() {
        record Due(TenantId tenantId, UUID id, Plan plan) {
        }
        List<Due> active = currentTenant.callAsPlatform("active recurrences of every tenant", () ->
                transaction.execute(status -> {
                    java.util.Map<TenantId, Plan> plans = new java.util.HashMap<>();
                    return jdbc.query("select tenant_id, id from recurrences where status = 'active' "
                                    + "order by tenant_id, id", (rs, n) -> new Due(
                                    new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getObject("id", UUID.class),
                                    null)).stream()
                            .map(due -> new Due(due.tenantId(), due.id(),
                                    plans.computeIfAbsent(due.tenantId(), tenants::planOf)))
                            .toList();
                }));
        for (Due due : active) {
            try {
                currentTenant.callAsTenant(due.tenantId(), due.plan(), () -> {
                    fill(due.tenantId(), due.id(), Integer.MAX_VALUE);
                    return null;
                });
            } catch (RuntimeException e) {
                // One recurrence that cannot be read (its tenant deleted meanwhile, say) must not stop the others.
                log.warn("Recurrence {} of tenant {} not filled: {}", due.id(), due.tenantId().value(),
                        e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Creates the occurrences of one recurrence due within the look-ahead, one by one: the caption is written
     * outside any transaction, then the post and the occurrence are created together under the recurrence's lock.
     * At most {@code most} are created (occurrences whose time passed are skipped without counting).
     */
    void fill(TenantId tenantId, UUID id, int most) {
        Instant horizon = clock.instant().plus(properties.recurrenceLookahead());
        int made = 0;
        while (made < most) {
            Instant now = clock.instant();
            ZoneId zone = readOnly.execute(status -> tenants.get(tenantId).timezone());
            Row row = readOnly.execute(status -> find(tenantId, id, false));
            if (row.status() != Recurrence.Status.ACTIVE) {
                return;
            }
            int number = row.nextNumber();
            Optional<LocalDate> date = row.rule().date(number);
            if (date.isEmpty()) {
                transaction.execute(status -> jdbc.update("update recurrences set status = 'ended', updated_at = ? "
                        + "where tenant_id = ? and id = ? and status = 'active'", utc(now), tenantId.value(), id));
                return;
            }
            LocalDateTime local = date.get().atTime(row.rule().time());
            Instant due = local.atZone(zone).toInstant();
            if (due.isAfter(horizon)) {
                return;
            }
            if (!due.isAfter(now)) {
                advance(tenantId, id, number, null, now);
                continue;
            }
            try {
                String caption = caption(tenantId, row, due, zone);
                UUID asset = row.assetIds().get((number - 1) % row.assetIds().size());
                boolean created = Boolean.TRUE.equals(transaction.execute(status -> {
                    List<Integer> next = jdbc.queryForList("select next_number from recurrences where tenant_id = ? "
                            + "and id = ? and status = 'active' for update", Integer.class, tenantId.value(), id);
                    if (next.isEmpty() || next.getFirst() != number) {
                        return false;
                    }
                    PostView post = posts.create(tenantId, new NewPost(caption, List.of(asset), null, local, false,
                            row.accountIds().stream().map(account -> new NewPost.Target(account, null)).toList(),
                            row.intent(), row.menuItemId()));
                    jdbc.update("insert into recurrence_occurrences (tenant_id, recurrence_id, number, post_id, due_at, "
                            + "created_at) values (?, ?, ?, ?, ?, ?)", tenantId.value(), id, number,
                            post.id().value(), utc(post.scheduledFor()), utc(now));
                    jdbc.update("update recurrences set next_number = ?, last_error = null, updated_at = ? where "
                            + "tenant_id = ? and id = ?", number + 1, utc(now), tenantId.value(), id);
                    return true;
                }));
                if (!created) {
                    return;
                }
                made++;
            } catch (DomainException e) {
                // Refused (the day's quota, the writer's cap, an account gone): kept for the owner, tried again by
                // the next run until the occurrence's time passes.
                String reason = "Occurrence " + number + " (" + local + "): " + e.getMessage();
                transaction.execute(status -> jdbc.update("update recurrences set last_error = ?, updated_at = ? "
                        + "where tenant_id = ? and id = ?", reason.length() > 1000 ? reason.substring(0, 1000)
                        : reason, utc(now), tenantId.value(), id));
                return;
            }
        }
    }

    /** A new caption for one occurrence, written for its time, for the strictest network among its targets. */
    private String caption(TenantId tenantId, Row row, Instant due, ZoneId zone) {
        Platform platform = readOnly.execute(status -> row.accountIds().stream()
                .map(account -> accounts.find(tenantId, new AccountId(account)))
                .flatMap(Optional::stream).map(ConnectedAccount::platform)
                .min(Comparator.comparingInt(Platform::maxCharacters)).orElseThrow(() ->
                        new InvalidFieldException("account_ids", "None of the accounts is connected any more.")));
        ItemDetails item = row.menuItemId() != null ? null
                : new ItemDetails(row.subject(), null, null, null, List.of(), false);
        return captions.generate(tenantId, new CaptionRequest(row.menuItemId(), item, platform, null, row.occasion(),
                null, 1, null, row.intent(), due.atZone(zone).toOffsetDateTime())).getFirst().text();
    }

    private void advance(TenantId tenantId, UUID id, int number, String error, Instant now) {
        transaction.execute(status -> jdbc.update("update recurrences set next_number = ?, last_error = ?, "
                + "updated_at = ? where tenant_id = ? and id = ? and next_number = ?", number + 1, error, utc(now),
                tenantId.value(), id, number));
    }

    private UUID insert(TenantId tenantId, NewRecurrence request) {
        ZoneId zone = tenants.get(tenantId).timezone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate startsOn = request.startsOn() == null ? today : request.startsOn();
        if (startsOn.isBefore(today)) {
            throw new InvalidFieldException("starts_on", "The first date cannot be in the past.");
        }
        if (request.until() != null && request.until().isBefore(startsOn)) {
            throw new InvalidFieldException("until", "The last date is before the first.");
        }
        List<Weekday> days = request.days() == null ? List.of() : request.days();
        if (request.kind() == RecurrenceKind.WEEKLY && (days.isEmpty() || request.everyDays() != null)) {
            throw new InvalidFieldException("days", "A weekly post needs its days (monday … sunday), and no every_days.");
        }
        if (request.kind() == RecurrenceKind.EVERY_N_DAYS && (request.everyDays() == null || !days.isEmpty())) {
            throw new InvalidFieldException("every_days", "Give every_days (1 to 365) and no days.");
        }
        if ((request.menuItemId() == null) == (request.subject() == null || request.subject().isBlank())) {
            throw new InvalidFieldException("menu_item_id", "Give the menu item the posts are about, or a subject "
                    + "in words; one of the two.");
        }
        if (request.menuItemId() != null) {
            try {
                menuItems.get(tenantId, request.menuItemId());
            } catch (DomainException e) {
                throw new InvalidFieldException("menu_item_id", "No menu item " + request.menuItemId() + " on the menu.");
            }
        }
        if (request.accountIds().stream().distinct().count() != request.accountIds().size()) {
            throw new InvalidFieldException("account_ids", "An account is named twice.");
        }
        for (UUID account : request.accountIds()) {
            accounts.find(tenantId, new AccountId(account)).orElseThrow(() ->
                    new InvalidFieldException("account_ids", "No account " + account + " is connected."));
        }
        for (UUID asset : request.assetIds()) {
            try {
                assets.get(tenantId, new AssetId(asset));
            } catch (DomainException e) {
                throw new InvalidFieldException("asset_ids", "No asset " + asset + " in the library.");
            }
        }
        Integer open = jdbc.queryForObject("select count(*) from recurrences where tenant_id = ? and status <> 'ended'",
                Integer.class, tenantId.value());
        if (open != null && open >= properties.maxActiveRecurrences()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, "A restaurant has at most "
                    + properties.maxActiveRecurrences() + " recurring posts running or paused; end one first.");
        }
        UUID id = Ids.newId();
        Instant now = clock.instant();
        jdbc.update("insert into recurrences (id, tenant_id, status, kind, weekdays, every_days, local_time, starts_on, "
                        + "until_date, max_count, account_ids, asset_ids, intent, menu_item_id, subject, occasion, "
                        + "created_at, updated_at) values (?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, tenantId.value(), request.kind().wireName(),
                days.isEmpty() ? null : EnumSet.copyOf(days).stream().map(Weekday::wireName)
                        .collect(Collectors.joining(",")),
                request.everyDays(), Time.valueOf(request.time().withSecond(0).withNano(0)), startsOn,
                request.until(), request.count(), join(request.accountIds()), join(request.assetIds()),
                (request.intent() == null ? Intent.GENERAL : request.intent()).name().toLowerCase(Locale.ROOT),
                request.menuItemId(), request.menuItemId() != null ? null : request.subject().strip(),
                request.occasion(), utc(now), utc(now));
        return id;
    }

    private Recurrence move(TenantId tenantId, UUID id, Recurrence.Status from, Recurrence.Status to) {
        transaction.execute(status -> {
            Row row = find(tenantId, id, true);
            if (row.status() == Recurrence.Status.ENDED || from != null && row.status() != from) {
                throw DomainException.conflict("The recurring post is " + row.status().wireName() + "; it cannot be "
                        + (to == Recurrence.Status.ENDED ? "ended" : to == Recurrence.Status.PAUSED ? "paused"
                        : "resumed") + ".");
            }
            return jdbc.update("update recurrences set status = ?, updated_at = ? where tenant_id = ? and id = ?",
                    to.wireName(), utc(clock.instant()), tenantId.value(), id);
        });
        return get(tenantId, id);
    }

    private Row find(TenantId tenantId, UUID id, boolean lock) {
        List<Row> rows = jdbc.query("select " + COLUMNS + " from recurrences where tenant_id = ? and id = ?"
                + (lock ? " for update" : ""), this::row, tenantId.value(), id);
        if (rows.isEmpty()) {
            throw DomainException.notFound("Recurring post");
        }
        return rows.getFirst();
    }

    private Recurrence view(TenantId tenantId, Row row, ZoneId zone, boolean withOccurrences) {
        List<Recurrence.Occurrence> occurrences = jdbc.query("select number, post_id, due_at from "
                        + "recurrence_occurrences where tenant_id = ? and recurrence_id = ? order by number",
                (rs, n) -> new Recurrence.Occurrence(rs.getInt("number"), rs.getObject("post_id", UUID.class),
                        rs.getObject("due_at", OffsetDateTime.class).toInstant()), tenantId.value(), row.id());
        Instant next = row.status() == Recurrence.Status.ENDED ? null : row.rule().date(row.nextNumber())
                .map(date -> date.atTime(row.rule().time()).atZone(zone).toInstant()).orElse(null);
        RecurrenceRule rule = row.rule();
        return new Recurrence(row.id(), row.status(), rule.kind(), rule.days().stream().sorted().toList(),
                rule.everyDays(), rule.time(), rule.startsOn(), rule.until(), rule.count(), row.accountIds(),
                row.assetIds(), row.intent(), row.menuItemId(), row.subject(), row.occasion(), occurrences.size(),
                next, row.lastError(), row.createdAt(), withOccurrences ? occurrences : null);
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        String weekdays = rs.getString("weekdays");
        EnumSet<Weekday> days = EnumSet.noneOf(Weekday.class);
        if (weekdays != null) {
            Arrays.stream(weekdays.split(",")).map(d -> Weekday.valueOf(d.toUpperCase(Locale.ROOT))).forEach(days::add);
        }
        Integer everyDays = rs.getObject("every_days", Integer.class);
        Integer count = rs.getObject("max_count", Integer.class);
        RecurrenceRule rule = new RecurrenceRule(RecurrenceKind.fromWire(rs.getString("kind")), days, everyDays,
                rs.getObject("local_time", LocalTime.class), rs.getObject("starts_on", LocalDate.class),
                rs.getObject("until_date", LocalDate.class), count);
        return new Row(rs.getObject("id", UUID.class),
                Recurrence.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rule,
                split(rs.getString("account_ids")), split(rs.getString("asset_ids")),
                Intent.valueOf(rs.getString("intent").toUpperCase(Locale.ROOT)),
                rs.getObject("menu_item_id", UUID.class), rs.getString("subject"), rs.getString("occasion"),
                rs.getInt("next_number"), rs.getString("last_error"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static String join(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    private static List<UUID> split(String ids) {
        return Arrays.stream(ids.split(",")).map(UUID::fromString).toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
