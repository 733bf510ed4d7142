package io.forkcast.web;

import io.forkcast.captions.Weekday;
import io.forkcast.queue.PostingSlot;
import io.forkcast.queue.PostingSlots;
import io.forkcast.queue.SlotTime;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Posting slots (settings): each account's week of times that "Add to queue" fills, a slot added or removed in one
 * step, and the slots suggested from the account's best hours taken in one click (admins and owners change them).
 */
@Controller
@RequestMapping("/app/settings/slots")
class SlotsPage {

    /** One account's week: its slots by day (Monday first, days without any left out) and what is suggested. */
    record AccountWeek(UUID accountId, String name, Map<Weekday, List<PostingSlot>> days, List<SlotTime> suggested) {

        /** The suggested times of day, in order, as "12:00 and 19:00". */
        public String suggestedTimes() {
            List<String> times = suggested.stream().map(SlotTime::time).distinct().sorted().map(LocalTime::toString)
                    .toList();
            return times.size() < 2 ? String.join("", times)
                    : String.join(", ", times.subList(0, times.size() - 1)) + " and " + times.getLast();
        }
    }

    private final PostingSlots slots;
    private final AccountNames accountNames;

    SlotsPage(PostingSlots slots, AccountNames accountNames) {
        this.slots = slots;
        this.accountNames = accountNames;
    }

    @GetMapping
    String week(@ModelAttribute("me") UserSignIns.SignedInUser me, Model model) {
        List<AccountWeek> weeks = new ArrayList<>();
        accountNames.of(me.tenantId()).forEach((id, name) -> {
            Map<Weekday, List<PostingSlot>> days = new java.util.EnumMap<>(Weekday.class);
            slots.list(me.tenantId(), id).forEach(slot ->
                    days.computeIfAbsent(slot.day(), d -> new ArrayList<>()).add(slot));
            weeks.add(new AccountWeek(id, name, days, slots.suggest(me.tenantId(), id).slots()));
        });
        model.addAttribute("weeks", weeks);
        model.addAttribute("weekdays", Weekday.values());
        return "app/slots";
    }

    @PostMapping("/{accountId}")
    String add(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID accountId,
            @RequestParam(defaultValue = "") String day, @RequestParam(defaultValue = "") String time,
            RedirectAttributes flash) {
        Weekday weekday = FormInput.choice(Weekday.class, day, "day");
        if (weekday == null) {
            throw new InvalidFieldException("day", "Choose a day.");
        }
        LocalTime at;
        try {
            at = LocalTime.parse(time.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("time", "Give a time such as 18:30.");
        }
        slots.add(me.tenantId(), accountId, new SlotTime(weekday, at));
        flash.addFlashAttribute("notice", "Slot added: " + weekday.wireName() + " at " + at + ".");
        return "redirect:/app/settings/slots";
    }

    @PostMapping("/{accountId}/{slotId}/remove")
    String remove(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID accountId,
            @PathVariable UUID slotId, RedirectAttributes flash) {
        slots.remove(me.tenantId(), accountId, slotId);
        flash.addFlashAttribute("notice", "Slot removed. Posts queued in it move to the next free slot; one "
                + "with none keeps its time and says why on its page.");
        return "redirect:/app/settings/slots";
    }

    /** Adds every suggested slot to the account's week. */
    @PostMapping("/{accountId}/suggested")
    String takeSuggestions(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID accountId,
            RedirectAttributes flash) {
        List<SlotTime> week = new ArrayList<>(slots.list(me.tenantId(), accountId).stream()
                .map(slot -> new SlotTime(slot.day(), slot.time())).toList());
        List<SlotTime> suggested = slots.suggest(me.tenantId(), accountId).slots();
        week.addAll(suggested);
        slots.replace(me.tenantId(), accountId, week);
        flash.addFlashAttribute("notice", suggested.size() + " suggested slots added.");
        return "redirect:/app/settings/slots";
    }
}
