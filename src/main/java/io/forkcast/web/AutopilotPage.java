package io.forkcast.web;

import io.forkcast.autopilot.Autopilot;
import io.forkcast.autopilot.AutopilotSettingsView;
import io.forkcast.autopilot.DraftStatus;
import io.forkcast.autopilot.NewRestaurantEvent;
import io.forkcast.autopilot.NewSpecial;
import io.forkcast.autopilot.SpecialView;
import io.forkcast.autopilot.SpecialsMode;
import io.forkcast.captions.MenuItem;
import io.forkcast.captions.MenuItems;
import io.forkcast.posts.PostId;
import io.forkcast.posts.Posts;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.Tenants;
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

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Autopilot: the week's daily specials (ticked from the menu), the posts autopilot drafted for approval, what is
 * coming up (public holidays, the restaurant's own events) with a one-click draft, and when specials are drafted.
 * Also the owner's choice for a post held because its dish was sold out: resume it, or drop it.
 */
@Controller
@RequestMapping("/app/autopilot")
class AutopilotPage {

    /** One day of the week's specials: the menu items ticked, and whether the day's drafts were written. */
    record SpecialsDay(LocalDate date, List<UUID> itemIds, boolean drafted) {
    }

    private final Autopilot autopilot;
    private final MenuItems menuItems;
    private final Posts posts;
    private final Tenants tenants;
    private final Clock clock;

    AutopilotPage(Autopilot autopilot, MenuItems menuItems, Posts posts, Tenants tenants, Clock clock) {
        this.autopilot = autopilot;
        this.menuItems = menuItems;
        this.posts = posts;
        this.tenants = tenants;
        this.clock = clock;
    }

    @GetMapping
    String page(@ModelAttribute("me") UserSignIns.SignedInUser me, Model model) {
        ZoneId zone = tenants.get(me.tenantId()).timezone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<SpecialView> specials = autopilot.specials(me.tenantId(), today, today.plusDays(6));
        List<SpecialsDay> week = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LocalDate day = today.plusDays(i);
            List<SpecialView> of = specials.stream().filter(s -> s.date().equals(day)).toList();
            week.add(new SpecialsDay(day, of.stream().map(SpecialView::menuItemId).toList(),
                    of.stream().anyMatch(s -> s.draftId() != null)));
        }
        List<MenuItem> items = menuItems.list(me.tenantId(), new PageRequest(200, null)).items();
        Map<UUID, String> names = new LinkedHashMap<>(items.stream()
                .collect(Collectors.toMap(MenuItem::id, MenuItem::name, (a, b) -> a, LinkedHashMap::new)));
        model.addAttribute("settings", autopilot.settings(me.tenantId()));
        model.addAttribute("week", week);
        model.addAttribute("menuItems", items);
        model.addAttribute("itemNames", names);
        model.addAttribute("drafts", autopilot.drafts(me.tenantId(), DraftStatus.PENDING));
        model.addAttribute("occasions", autopilot.comingUp(me.tenantId(), null));
        model.addAttribute("events", autopilot.events(me.tenantId()));
        model.addAttribute("today", today);
        return "app/autopilot";
    }

    @PostMapping("/settings")
    String settings(@ModelAttribute("me") UserSignIns.SignedInUser me,
            @RequestParam(name = "specials_time", defaultValue = "") String time,
            @RequestParam(name = "specials_mode", defaultValue = "draft") String mode,
            @RequestParam(defaultValue = "") String country, @RequestParam(defaultValue = "") String region,
            @RequestParam(name = "coming_up_days", defaultValue = "") String days, RedirectAttributes flash) {
        LocalTime at;
        try {
            at = LocalTime.parse(time.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("specials_time", "must be a time such as 10:00");
        }
        int ahead;
        try {
            ahead = Integer.parseInt(days.strip());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("coming_up_days", "must be a number of days between 1 and 60");
        }
        if (ahead < 1 || ahead > 60) {
            throw new InvalidFieldException("coming_up_days", "must be a number of days between 1 and 60");
        }
        autopilot.changeSettings(me.tenantId(), new AutopilotSettingsView(at,
                "publish".equals(mode) ? SpecialsMode.PUBLISH : SpecialsMode.DRAFT,
                FormInput.blankToNull(country) == null ? null : country.strip(),
                FormInput.blankToNull(region) == null ? null : region.strip(), ahead));
        flash.addFlashAttribute("notice", "Autopilot settings saved.");
        return "redirect:/app/autopilot#settings";
    }

    @PostMapping("/specials/{date}")
    String specials(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable String date,
            @RequestParam(name = "menu_item_id", required = false) List<UUID> items, RedirectAttributes flash) {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("date", "must be a date such as 2027-07-14");
        }
        List<SpecialView> saved = autopilot.setSpecials(me.tenantId(), day, items == null ? List.of()
                : items.stream().map(id -> new NewSpecial(id, null)).toList());
        flash.addFlashAttribute("notice", saved.isEmpty() ? "No special on " + day + "."
                : saved.size() + (saved.size() == 1 ? " special" : " specials") + " saved for " + day + ".");
        return "redirect:/app/autopilot#specials";
    }

    @PostMapping("/drafts/{draftId}/approve")
    String approve(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID draftId,
            RedirectAttributes flash) {
        PostId post = autopilot.approve(me.tenantId(), draftId, null).id();
        flash.addFlashAttribute("notice", "Approved: the post is going out now.");
        return "redirect:/app/calendar/posts/" + post.value();
    }

    @PostMapping("/drafts/{draftId}/dismiss")
    String dismiss(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID draftId,
            RedirectAttributes flash) {
        autopilot.dismiss(me.tenantId(), draftId);
        flash.addFlashAttribute("notice", "Draft dismissed.");
        return "redirect:/app/autopilot#drafts";
    }

    /** One click from the "coming up" list: a draft written for the occasion. */
    @PostMapping("/occasions/draft")
    String draftOccasion(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestParam String date,
            @RequestParam String occasion, RedirectAttributes flash) {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("date", "must be a date such as 2027-07-14");
        }
        if (occasion.isBlank() || occasion.length() > 100) {
            throw new InvalidFieldException("occasion", "must be a name of at most 100 characters");
        }
        autopilot.draftOccasion(me.tenantId(), day, occasion, null);
        flash.addFlashAttribute("notice", "A post for " + occasion.strip() + " is drafted: read it and approve it.");
        return "redirect:/app/autopilot#drafts";
    }

    @PostMapping("/events")
    String addEvent(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String date, @RequestParam(defaultValue = "") String note,
            RedirectAttributes flash) {
        if (name.isBlank() || name.length() > 100) {
            throw new InvalidFieldException("name", "must be a name of at most 100 characters");
        }
        if (note.length() > 500) {
            throw new InvalidFieldException("note", "must be at most 500 characters");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("date", "must be a date such as 2027-07-14");
        }
        autopilot.addEvent(me.tenantId(), new NewRestaurantEvent(name.strip(), day, FormInput.blankToNull(note)));
        flash.addFlashAttribute("notice", "Event added: " + name.strip() + ".");
        return "redirect:/app/autopilot#events";
    }

    @PostMapping("/events/{eventId}/delete")
    String removeEvent(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID eventId,
            RedirectAttributes flash) {
        autopilot.removeEvent(me.tenantId(), eventId);
        flash.addFlashAttribute("notice", "Event removed.");
        return "redirect:/app/autopilot#events";
    }

    /** A post held for its dish goes out again: now, or at its next time. */
    @PostMapping("/posts/{postId}/resume")
    String resume(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            @RequestParam(defaultValue = "next_time") String when, RedirectAttributes flash) {
        posts.resume(me.tenantId(), new PostId(postId), "now".equals(when));
        flash.addFlashAttribute("notice", "now".equals(when) ? "The post is going out now."
                : "The post is back on the schedule.");
        return "redirect:/app";
    }

    /** A post held for its dish is dropped (cancelled). */
    @PostMapping("/posts/{postId}/drop")
    String drop(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            RedirectAttributes flash) {
        posts.cancel(me.tenantId(), new PostId(postId));
        flash.addFlashAttribute("notice", "The post was dropped.");
        return "redirect:/app";
    }

}
