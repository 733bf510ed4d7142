package io.forkcast.web;

import io.forkcast.posts.CancelledPost;
import io.forkcast.posts.PostChanges;
import io.forkcast.posts.PostId;
import io.forkcast.posts.PostQuery;
import io.forkcast.posts.PostStatus;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
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

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Calendar: scheduled and published posts by month or week (in the tenant's time zone), a list with a status
 * filter, and one post's page to reschedule, edit, cancel or retry it.
 */
@Controller
@RequestMapping("/app/calendar")
class CalendarPage {

    /** One day of the grid with its posts, earliest first. */
    record Day(LocalDate date, boolean inPeriod, boolean today, List<PostView> posts) {
    }

    private final Posts posts;
    private final AccountNames accountNames;
    private final java.time.Clock clock;

    CalendarPage(Posts posts, AccountNames accountNames, java.time.Clock clock) {
        this.posts = posts;
        this.accountNames = accountNames;
        this.clock = clock;
    }

    @GetMapping
    String calendar(@ModelAttribute("me") UserSignIns.SignedInUser me, @ModelAttribute("zone") ZoneId zone,
            @RequestParam(defaultValue = "month") String view, @RequestParam(required = false) String date,
            @RequestParam(required = false) String status, @RequestParam(required = false) String cursor,
            Model model) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate focus = parseDate(date, today);
        model.addAttribute("view", view);
        model.addAttribute("focus", focus);
        model.addAttribute("names", accountNames.of(me.tenantId()));
        model.addAttribute("statuses", PostStatus.values());
        switch (view) {
            case "list" -> {
                PostStatus filter = status == null || status.isBlank() ? null : PostStatus.fromWire(status);
                if (status != null && !status.isBlank() && filter == null) {
                    throw new InvalidFieldException("status", "is not a post status");
                }
                CursorPage<PostView> page = posts.list(me.tenantId(), new PostQuery(filter, null, null, null),
                        new PageRequest(50, cursor));
                model.addAttribute("posts", page.items());
                model.addAttribute("nextCursor", page.nextCursor());
                model.addAttribute("status", filter == null ? "" : filter.wireName());
            }
            case "week" -> {
                LocalDate start = focus.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                model.addAttribute("days", days(me, zone, start, start.plusDays(7), start, start.plusDays(7), today));
                model.addAttribute("previous", start.minusWeeks(1));
                model.addAttribute("next", start.plusWeeks(1));
                model.addAttribute("periodTitle", "Week of " + start);
            }
            case "month" -> {
                LocalDate first = focus.withDayOfMonth(1);
                LocalDate gridStart = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                LocalDate gridEnd = first.plusMonths(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
                model.addAttribute("days", days(me, zone, gridStart, gridEnd, first, first.plusMonths(1), today));
                model.addAttribute("previous", first.minusMonths(1));
                model.addAttribute("next", first.plusMonths(1));
                model.addAttribute("periodTitle", first.getMonth().getDisplayName(java.time.format.TextStyle.FULL,
                        java.util.Locale.ENGLISH) + " " + first.getYear());
            }
            default -> throw new InvalidFieldException("view", "must be month, week or list");
        }
        return "app/calendar";
    }

    @GetMapping("/posts/{postId}")
    String post(@ModelAttribute("me") UserSignIns.SignedInUser me, @ModelAttribute("zone") ZoneId zone,
            @PathVariable UUID postId, Model model) {
        PostView post = posts.get(me.tenantId(), new PostId(postId));
        model.addAttribute("post", post);
        model.addAttribute("names", accountNames.of(me.tenantId()));
        model.addAttribute("localTime", LocalDateTime.ofInstant(post.scheduledFor(), zone).withNano(0));
        model.addAttribute("engaged", post.deliveries().stream()
                .anyMatch(d -> d.engagementLikes() > 0 || d.engagementComments() > 0));
        return "app/post";
    }

    @PostMapping("/posts/{postId}/reschedule")
    String reschedule(@ModelAttribute("me") UserSignIns.SignedInUser me, @ModelAttribute("zone") ZoneId zone,
            @PathVariable UUID postId, @RequestParam("local_time") String localTime, RedirectAttributes flash) {
        Instant due = Zoned.instant(localTime, zone, "local_time");
        posts.change(me.tenantId(), new PostId(postId), new PostChanges(due, null, null, null));
        flash.addFlashAttribute("notice", "Rescheduled. Every network of the post moves together.");
        return "redirect:/app/calendar/posts/" + postId;
    }

    @PostMapping("/posts/{postId}/caption")
    String caption(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            @RequestParam String caption, RedirectAttributes flash) {
        posts.change(me.tenantId(), new PostId(postId), new PostChanges(null, null, caption, null));
        flash.addFlashAttribute("notice", "Caption saved.");
        return "redirect:/app/calendar/posts/" + postId;
    }

    @PostMapping("/posts/{postId}/cancel")
    String cancel(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            RedirectAttributes flash) {
        CancelledPost cancelled = posts.cancel(me.tenantId(), new PostId(postId));
        flash.addFlashAttribute("notice", cancelled.alreadyStarted().isEmpty() ? "Cancelled: it will not be published."
                : "Cancelled what had not started; " + cancelled.alreadyStarted().size()
                        + " network(s) had published or started already.");
        return "redirect:/app/calendar/posts/" + postId;
    }

    @PostMapping("/posts/{postId}/deliveries/{deliveryId}/retry")
    String retry(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            @PathVariable UUID deliveryId, RedirectAttributes flash) {
        posts.retry(me.tenantId(), new PostId(postId), deliveryId);
        flash.addFlashAttribute("notice", "Trying again now.");
        return "redirect:/app/calendar/posts/" + postId;
    }

    private List<Day> days(UserSignIns.SignedInUser me, ZoneId zone, LocalDate from, LocalDate to,
            LocalDate periodStart, LocalDate periodEnd, LocalDate today) {
        Map<LocalDate, List<PostView>> byDay = new LinkedHashMap<>();
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            byDay.put(d, new ArrayList<>());
        }
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.atStartOfDay(zone).toInstant();
        String cursor = null;
        do {
            CursorPage<PostView> page = posts.list(me.tenantId(), new PostQuery(null, null, start, end),
                    new PageRequest(200, cursor));
            for (PostView post : page.items()) {
                List<PostView> day = byDay.get(post.scheduledFor().atZone(zone).toLocalDate());
                if (day != null) {
                    day.add(post);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        List<Day> days = new ArrayList<>();
        byDay.forEach((date, list) -> {
            list.sort(Comparator.comparing(PostView::scheduledFor));
            days.add(new Day(date, !date.isBefore(periodStart) && date.isBefore(periodEnd), date.equals(today), list));
        });
        return days;
    }

    private static LocalDate parseDate(String date, LocalDate fallback) {
        if (date == null || date.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("date", "must be a date such as 2026-05-31");
        }
    }
}
