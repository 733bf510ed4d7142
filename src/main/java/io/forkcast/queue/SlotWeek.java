package io.forkcast.queue;

import io.forkcast.captions.OpeningHours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Where a queued post goes, as a pure rule: a post has one time, so when its accounts share slot times it takes the
 * first shared slot free on all of them; when they share none, the first slot of any of them that is free on all of
 * them. A slot's local time is read in the restaurant's time zone on each date: 09:00 stays 09:00 across a DST
 * change; a time the spring change skips goes out just after the gap (02:30 becomes 03:30), a time the autumn change
 * repeats goes out once, at its first occurrence. {@code hours} (a {@code visit} post's) skip closed times.
 */
final class SlotWeek {

    private SlotWeek() {
    }

    static Optional<Instant> next(Map<UUID, Set<SlotTime>> slotsByAccount, Collection<UUID> accountIds, ZoneId zone,
            OpeningHours hours, Instant after, Instant until, Map<UUID, Set<Instant>> taken) {
        Set<SlotTime> shared = null;
        Set<SlotTime> any = new TreeSet<>();
        for (UUID account : accountIds) {
            Set<SlotTime> own = slotsByAccount.getOrDefault(account, Set.of());
            any.addAll(own);
            if (shared == null) {
                shared = new TreeSet<>(own);
            } else {
                shared.retainAll(own);
            }
        }
        Set<SlotTime> candidates = shared != null && !shared.isEmpty() ? shared : any;
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Set<Instant> busy = new HashSet<>();
        accountIds.forEach(account -> busy.addAll(taken.getOrDefault(account, Set.of())));
        LocalDate last = until.atZone(zone).toLocalDate();
        for (LocalDate date = after.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            for (Instant at : onDate(candidates, date, zone)) {
                if (at.isAfter(after) && !at.isAfter(until) && !busy.contains(at)
                        && (hours == null || hours.isOpen(at, zone))) {
                    return Optional.of(at);
                }
            }
        }
        return Optional.empty();
    }

    /** The instants of the slots falling on {@code date}, in order. */
    static List<Instant> onDate(Collection<SlotTime> slots, LocalDate date, ZoneId zone) {
        List<Instant> instants = new ArrayList<>();
        for (SlotTime slot : slots) {
            if (slot.day().dayOfWeek() == date.getDayOfWeek()) {
                // ZonedDateTime.of moves a time in a gap forward by the gap, and takes the earlier offset in an overlap.
                instants.add(ZonedDateTime.of(date, slot.time(), zone).toInstant());
            }
        }
        instants.sort(null);
        return instants;
    }
}
