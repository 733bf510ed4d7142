package io.forkcast.queue;

import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.Accounts;
import io.forkcast.captions.Weekday;
import io.forkcast.posts.PostingHours;
import io.forkcast.posts.Posts;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Each account's weekly posting slots: read, replaced as a week, added and removed one at a time, and suggested from
 * the hours when the account's published posts did best. An account of another tenant, or none, is a 404.
 */
@Service
public class PostingSlots {

    /** Slots suggested from the best hours, and the hours they come from. */
    public record Suggestions(List<SlotTime> slots, List<PostingHours.HourStats> hours) {
    }

    private final JdbcTemplate jdbc;
    private final Accounts accounts;
    private final PostingHours postingHours;
    private final QueueProperties properties;
    private final Posts posts;
    private final Clock clock;

    PostingSlots(JdbcTemplate jdbc, Accounts accounts, PostingHours postingHours, QueueProperties properties,
            Posts posts, Clock clock) {
        this.posts = posts;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.postingHours = postingHours;
        this.properties = properties;
        this.clock = clock;
    }

    /** The account's slots, Monday first, in time order. */
    @Transactional(readOnly = true)
    public List<PostingSlot> list(TenantId tenantId, UUID accountId) {
        requireAccount(tenantId, accountId);
        return read(tenantId, accountId);
    }

    /**
     * Replaces the account's whole week (an empty list removes every slot); a time given twice counts once. Queued
     * posts in a slot that is gone move to the next free slots ({@link Posts#requeue}).
     */
    @Transactional
    public List<PostingSlot> replace(TenantId tenantId, UUID accountId, List<SlotTime> week) {
        requireAccount(tenantId, accountId);
        Set<SlotTime> distinct = new TreeSet<>(week);
        if (distinct.size() > properties.maxSlotsPerAccount()) {
            throw new InvalidFieldException("slots", "An account has at most " + properties.maxSlotsPerAccount()
                    + " slots a week.");
        }
        lockAll(tenantId);
        jdbc.update("delete from posting_slots where tenant_id = ? and account_id = ?", tenantId.value(), accountId);
        distinct.forEach(slot -> insert(tenantId, accountId, slot));
        posts.requeue(tenantId);
        return read(tenantId, accountId);
    }

    /** Adds one slot (409 when the account has it already). */
    @Transactional
    public PostingSlot add(TenantId tenantId, UUID accountId, SlotTime slot) {
        requireAccount(tenantId, accountId);
        List<PostingSlot> existing = read(tenantId, accountId);
        if (existing.stream().anyMatch(s -> s.slotTime().equals(slot))) {
            throw DomainException.conflict("The account has a slot on " + slot.day().wireName() + " at "
                    + slot.time() + " already.");
        }
        if (existing.size() >= properties.maxSlotsPerAccount()) {
            throw new InvalidFieldException("time", "An account has at most " + properties.maxSlotsPerAccount()
                    + " slots a week; remove one first.");
        }
        return insert(tenantId, accountId, slot);
    }

    /**
     * Removes one slot (404 when the account has no such slot); the queued posts in it move to the next free slots
     * of their accounts, in queue order ({@link Posts#requeue}).
     */
    @Transactional
    public void remove(TenantId tenantId, UUID accountId, UUID slotId) {
        requireAccount(tenantId, accountId);
        lockAll(tenantId);
        if (jdbc.update("delete from posting_slots where tenant_id = ? and account_id = ? and id = ?",
                tenantId.value(), accountId, slotId) == 0) {
            throw DomainException.notFound("Posting slot");
        }
        posts.requeue(tenantId);
    }

    /**
     * Daily slots at the account's best hours (its published posts' mean likes plus comments, in the restaurant's
     * time zone) that it does not have yet; none while its posts have no likes or comments to rank by.
     */
    @Transactional(readOnly = true)
    public Suggestions suggest(TenantId tenantId, UUID accountId) {
        requireAccount(tenantId, accountId);
        List<PostingHours.HourStats> best = postingHours.best(tenantId, accountId, properties.suggestionPeriod());
        Set<SlotTime> existing = new LinkedHashSet<>(read(tenantId, accountId).stream().map(PostingSlot::slotTime)
                .toList());
        List<SlotTime> slots = new ArrayList<>();
        List<PostingHours.HourStats> hours = best.stream().limit(properties.suggestedHours()).toList();
        for (Weekday day : Weekday.values()) {
            hours.stream().map(h -> new SlotTime(day, LocalTime.of(h.hour(), 0))).sorted()
                    .filter(slot -> !existing.contains(slot)).forEach(slots::add);
        }
        return new Suggestions(slots, hours);
    }

    /** The slots of several accounts of the tenant, by account (for placing a queued post). */
    Map<UUID, Set<SlotTime>> of(TenantId tenantId, Collection<UUID> accountIds) {
        Map<UUID, Set<SlotTime>> slots = new HashMap<>();
        for (UUID accountId : accountIds) {
            slots.put(accountId, new TreeSet<>(read(tenantId, accountId).stream().map(PostingSlot::slotTime)
                    .toList()));
        }
        return slots;
    }

    /** Locks the accounts' slot rows, in one order everywhere, until the transaction ends. */
    void lock(TenantId tenantId, Collection<UUID> accountIds) {
        for (UUID accountId : new TreeSet<>(accountIds)) {
            jdbc.queryForList("select id from posting_slots where tenant_id = ? and account_id = ? order by id "
                    + "for update", UUID.class, tenantId.value(), accountId);
        }
    }

    /**
     * Locks every slot row of the tenant in the order {@link #lock} uses, before a slot is deleted: re-placing the
     * queue then locks a subset it holds already, and a post being queued at once waits, so the two never deadlock
     * nor take the same slot.
     */
    private void lockAll(TenantId tenantId) {
        lock(tenantId, jdbc.queryForList("select distinct account_id from posting_slots where tenant_id = ?",
                UUID.class, tenantId.value()));
    }

    private PostingSlot insert(TenantId tenantId, UUID accountId, SlotTime slot) {
        UUID id = Ids.newId();
        jdbc.update("insert into posting_slots (id, tenant_id, account_id, weekday, local_time, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)", id, tenantId.value(), accountId, slot.day().wireName(),
                Time.valueOf(slot.time()), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        return new PostingSlot(id, accountId, slot.day(), slot.time());
    }

    private List<PostingSlot> read(TenantId tenantId, UUID accountId) {
        List<PostingSlot> slots = new ArrayList<>(jdbc.query("select id, account_id, weekday, local_time from "
                + "posting_slots where tenant_id = ? and account_id = ?", PostingSlots::row, tenantId.value(),
                accountId));
        slots.sort((a, b) -> a.slotTime().compareTo(b.slotTime()));
        return slots;
    }

    private static PostingSlot row(ResultSet rs, int n) throws SQLException {
        return new PostingSlot(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                Weekday.valueOf(rs.getString("weekday").toUpperCase(java.util.Locale.ROOT)),
                rs.getObject("local_time", LocalTime.class));
    }

    private void requireAccount(TenantId tenantId, UUID accountId) {
        accounts.find(tenantId, new AccountId(accountId)).orElseThrow(() -> DomainException.notFound("Account"));
    }
}
