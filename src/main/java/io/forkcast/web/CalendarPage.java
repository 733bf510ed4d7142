package io.forkcast.web;

import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.AssetVariant;
import io.forkcast.assets.Assets;
import io.forkcast.assets.BrandAsset;
import io.forkcast.assets.MediaUrls;
import io.forkcast.posts.CancelledPost;
import io.forkcast.posts.DeliveryStatus;
import io.forkcast.posts.PostChanges;
import io.forkcast.posts.PostId;
import io.forkcast.posts.PostQuery;
import io.forkcast.posts.PostStatus;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
    record Day(LocalDate date, boolean inPeriod, boolean today, List<Entry> posts) {
    }

    /**
     * A post as the calendar shows it: its first image's thumbnail (null without one), the start of its caption,
     * when (readable, in the restaurant's zone) and whether it can still be moved.
     */
    record Entry(PostView post, URI thumbnail, String captionStart, String when, boolean movable) {

        public PostId id() {
            return post.id();
        }
    }

    /** The reschedule and caption forms' fields, by the posts module's names. */
    private static final Map<String, String> POST_FIELDS = Map.of("scheduled_for", "local_time",
            "local_time", "local_time", "caption", "caption", "targets.caption", "caption");

    /** A delivery still on its way out: the post page keeps asking until none is. */
    private static final java.util.Set<DeliveryStatus> UNSETTLED = java.util.EnumSet.of(DeliveryStatus.PUBLISHING,
            DeliveryStatus.RETRYING);

    private final Posts posts;
    private final AccountNames accountNames;
    private final Assets assets;
    private final MediaUrls mediaUrls;
    private final NetworkPreviews previews;
    private final java.time.Clock clock;

    private final io.forkcast.posts.Places places;
    private final ApprovalForms approvals;

    CalendarPage(Posts posts, AccountNames accountNames, Assets assets, MediaUrls mediaUrls, NetworkPreviews previews,
            java.time.Clock clock, io.forkcast.posts.Places places, ApprovalForms approvals) {
        this.places = places;
        this.approvals = approvals;
        this.posts = posts;
        this.accountNames = accountNames;
        this.assets = assets;
        this.mediaUrls = mediaUrls;
        this.previews = previews;
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
        model.addAttribute("today", today);
        model.addAttribute("zoneLabel", Zoned.label(zone));
        switch (view) {
            case "list" -> {
                PostStatus filter = status == null || status.isBlank() ? null : PostStatus.fromWire(status);
                if (status != null && !status.isBlank() && filter == null) {
                    throw new InvalidFieldException("status", "is not a post status");
                }
                CursorPage<PostView> page = posts.list(me.tenantId(), new PostQuery(filter, null, null, null),
                        new PageRequest(50, cursor));
                Map<UUID, URI> thumbnails = new HashMap<>();
                model.addAttribute("posts", page.items().stream()
                        .map(post -> entry(me, zone, post, thumbnails)).toList());
                model.addAttribute("nextCursor", page.nextCursor());
                model.addAttribute("status", filter == null ? "" : filter.wireName());
            }
            case "week" -> {
                LocalDate start = focus.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                model.addAttribute("days", days(me, zone, start, start.plusDays(7), start, start.plusDays(7), today));
                model.addAttribute("previous", start.minusWeeks(1));
                model.addAttribute("next", start.plusWeeks(1));
                model.addAttribute("periodTitle", start.format(DAY_MONTH) + " – " + start.plusDays(6).format(DAY_MONTH)
                        + " " + start.plusDays(6).getYear());
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
        fillPost(me, zone, post, model);
        return "app/post";
    }

    @PostMapping("/posts/{postId}/reschedule")
    String reschedule(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId, @RequestParam(name = "local_time", defaultValue = "") String localTime,
            RedirectAttributes flash) {
        PostView post = posts.get(me.tenantId(), new PostId(postId));
        try {
            LocalDateTime local = Zoned.local(localTime, "local_time");
            posts.change(me.tenantId(), post.id(), new PostChanges(null, local, null, null));
        } catch (DomainException e) {
            throw RefusedForm.of(postPage(postId), e, POST_FIELDS);
        }
        flash.addFlashAttribute("notice", "Rescheduled. Every network of the post moves together.");
        return "redirect:" + postPage(postId);
    }

    @PostMapping("/posts/{postId}/caption")
    String caption(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId, @RequestParam(defaultValue = "") String caption, RedirectAttributes flash) {
        PostView post = posts.get(me.tenantId(), new PostId(postId));
        try {
            posts.change(me.tenantId(), post.id(), new PostChanges(null, null, caption, null));
        } catch (DomainException e) {
            throw RefusedForm.of(postPage(postId), e, POST_FIELDS);
        }
        flash.addFlashAttribute("notice", "Caption saved.");
        return "redirect:" + postPage(postId);
    }

    /**
     * Drag and drop (or its keyboard path) on the calendar: the post moves to another day at the same time of day,
     * by the same rules as the reschedule form. Answers a sentence for the page to announce; a refusal comes back
     * with the service's status and reason, shown where the post was dropped. A post of another tenant is not found.
     */
    @PostMapping("/posts/{postId}/move")
    ResponseEntity<String> move(@ModelAttribute("me") UserSignIns.SignedInUser me,
            @ModelAttribute("zone") ZoneId zone, @PathVariable UUID postId,
            @RequestParam(defaultValue = "") String date,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        PostView post = posts.get(me.tenantId(), new PostId(postId));
        LocalDateTime to;
        PostView moved;
        try {
            if (date.isBlank()) {
                throw new InvalidFieldException("date", "Pick the day to move the post to.");
            }
            to = parseDate(date, null).atTime(post.scheduledFor().atZone(zone).toLocalTime());
            moved = posts.change(me.tenantId(), post.id(), new PostChanges(null, to, null, null));
        } catch (DomainException e) {
            // Said where the post was dropped: the service's reason, as a sentence.
            return ResponseEntity.status(e.status().value()).contentType(MediaType.TEXT_PLAIN)
                    .body(DashboardAdvice.sentence(e));
        }
        String sentence = "Moved to " + Zoned.readable(moved.scheduledFor(), zone) + ".";
        if (htmx == null) {
            // Without scripts (a plain form): back to the week the post is in now.
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(URI.create("/app/calendar?view=week&date=" + to.toLocalDate())).build();
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(sentence);
    }

    /** The post's page: its forms come back to it when refused, also when sent from the calendar's dialog. */
    private static String postPage(UUID postId) {
        return "/app/calendar/posts/" + postId;
    }

    private void fillPost(UserSignIns.SignedInUser me, ZoneId zone, PostView post, Model model) {
        model.addAttribute("post", post);
        model.addAttribute("formatLabels", ComposePage.FORMAT_LABELS);
        List<ConnectedAccount> accounts = accountNames.all(me.tenantId());
        Map<UUID, ConnectedAccount> byId = new HashMap<>();
        accounts.forEach(account -> byId.put(account.id().value(), account));
        model.addAttribute("names", accountNames.of(me.tenantId()));
        model.addAttribute("when", Zoned.readable(post.scheduledFor(), zone));
        model.addAttribute("zoneLabel", Zoned.label(zone));
        model.addAttribute("localTime",
                LocalDateTime.ofInstant(post.scheduledFor(), zone).withNano(0).withSecond(0).toString());
        model.addAttribute("changeable", changeable(post));
        model.addAttribute("live", live(post));
        model.addAttribute("previews", previews.of(me.tenantId(), post.deliveries().stream()
                .map(d -> new NetworkPreviews.Target(d.accountId(), d.platform(), byId.get(d.accountId()),
                        d.caption(), placeName(me, d.placeId()),
                        d.firstComment() == null ? null : d.firstComment().message(), d.format(), d.google()))
                .toList(), post.assetIds()));
        model.addAttribute("engaged", post.deliveries().stream()
                .anyMatch(d -> d.engagementLikes() > 0 || d.engagementComments() > 0));
        approvals.fill(me, post, zone, model);
    }

    /** The name of the place a delivery is tagged at: the restaurant's, or (changed since) the Page's id. */
    private String placeName(UserSignIns.SignedInUser me, String placeId) {
        if (placeId == null) {
            return null;
        }
        return places.get(me.tenantId()).filter(place -> place.pageId().equals(placeId))
                .map(io.forkcast.captions.RestaurantPlace::name).orElse("Facebook place " + placeId);
    }

    /** Whether the page should keep asking for news: a delivery is on its way, or due within two minutes. */
    private boolean live(PostView post) {
        Instant soon = clock.instant().plusSeconds(120);
        return post.deliveries().stream().anyMatch(d -> UNSETTLED.contains(d.status())
                || d.status() == DeliveryStatus.SCHEDULED && post.scheduledFor().isBefore(soon));
    }

    @PostMapping("/posts/{postId}/cancel")
    String cancel(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            RedirectAttributes flash) {
        CancelledPost cancelled = posts.cancel(me.tenantId(), new PostId(postId));
        flash.addFlashAttribute("notice", cancelled.alreadyStarted().isEmpty() ? "Cancelled: it will not be published."
                : "Cancelled what had not started; " + cancelled.alreadyStarted().size()
                        + " network(s) had published or started already.");
        return "redirect:" + postPage(postId);
    }

    @PostMapping("/posts/{postId}/deliveries/{deliveryId}/retry")
    String retry(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            @PathVariable UUID deliveryId, RedirectAttributes flash) {
        posts.retry(me.tenantId(), new PostId(postId), deliveryId);
        flash.addFlashAttribute("notice", "Trying again now.");
        return "redirect:" + postPage(postId);
    }

    private List<Day> days(UserSignIns.SignedInUser me, ZoneId zone, LocalDate from, LocalDate to,
            LocalDate periodStart, LocalDate periodEnd, LocalDate today) {
        Map<LocalDate, List<Entry>> byDay = new LinkedHashMap<>();
        Map<UUID, URI> thumbnails = new HashMap<>();
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
                List<Entry> day = byDay.get(post.scheduledFor().atZone(zone).toLocalDate());
                if (day != null) {
                    day.add(entry(me, zone, post, thumbnails));
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        List<Day> days = new ArrayList<>();
        byDay.forEach((date, list) -> {
            list.sort(Comparator.comparing(entry -> entry.post().scheduledFor()));
            days.add(new Day(date, !date.isBefore(periodStart) && date.isBefore(periodEnd), date.equals(today), list));
        });
        return days;
    }

    private Entry entry(UserSignIns.SignedInUser me, ZoneId zone, PostView post, Map<UUID, URI> thumbnails) {
        URI thumbnail = post.assetIds().isEmpty() ? null
                : thumbnails.computeIfAbsent(post.assetIds().getFirst(), id -> thumbnail(me, id));
        return new Entry(post, thumbnail, captionStart(post.caption()), Zoned.readable(post.scheduledFor(), zone),
                changeable(post));
    }

    /**
     * Whether the page offers to move or edit the post: none of its deliveries has started and it is not cancelled.
     * Only a hint for what to show; the posts module decides (409 naming the delivery that started).
     */
    private static boolean changeable(PostView post) {
        return post.status() != PostStatus.CANCELLED && post.deliveries().stream()
                .allMatch(d -> d.status() == DeliveryStatus.SCHEDULED || d.status() == DeliveryStatus.HELD
                        || d.status() == DeliveryStatus.CANCELLED);
    }

    private URI thumbnail(UserSignIns.SignedInUser me, UUID assetId) {
        try {
            BrandAsset asset = assets.get(me.tenantId(), new AssetId(assetId));
            return mediaUrls.urlOf(asset, AssetVariant.THUMBNAIL).url();
        } catch (DomainException e) {
            return null;
        }
    }

    /** The first words of a caption, up to about 40 characters, for a calendar cell. */
    static String captionStart(String caption) {
        NetworkPreviews.Caption start = NetworkPreviews.cut(caption == null ? "" : caption, 40, true);
        return start.cut() ? start.visible() + "…" : start.visible();
    }

    private static final java.time.format.DateTimeFormatter DAY_MONTH =
            java.time.format.DateTimeFormatter.ofPattern("d MMM", java.util.Locale.ENGLISH);

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
