package io.forkcast.web;

import io.forkcast.accounts.AccountId;
import io.forkcast.listing.GoogleInsights;
import io.forkcast.listing.ListingInsights;
import io.forkcast.posts.DeliveryStatus;
import io.forkcast.posts.EngagementSnapshot;
import io.forkcast.posts.PostId;
import io.forkcast.posts.PostQuery;
import io.forkcast.posts.PostStatus;
import io.forkcast.posts.PostView;
import io.forkcast.posts.PostingHours;
import io.forkcast.posts.Posts;
import io.forkcast.shared.Platform;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Insights over a chosen period (7, 30 or 90 days): totals with their trend against the period before, the same
 * per account and per post, likes and comments over time for one post (its engagement snapshots) and for one
 * account (per day of publication) as uPlot charts whose axes span the data, and the hours (in the restaurant's
 * time zone) when its posts did best. An empty state says what to do while nothing is published. Beside them, each
 * Google location's figures of the same period (as the daily job stored them), with their trend.
 */
@Controller
@RequestMapping("/app/insights")
class InsightsPage {

    /** The periods an owner picks from, in days; the first is the default. */
    static final List<Integer> PERIODS = List.of(30, 7, 90);

    /**
     * A chart's columns as uPlot takes them: x (epoch seconds), likes, comments; {@code from} and {@code to} (epoch
     * seconds) bound the x axis to the data's range.
     */
    record Series(String title, List<Long> x, List<Integer> likes, List<Integer> comments, long from, long to) {
    }

    /** Posts, likes and comments of a period, with the change against the period before (null: nothing to compare). */
    record Totals(String name, int posts, int likes, int comments, Integer postsChange, Integer likesChange,
            Integer commentsChange) {

        static Totals of(String name, List<Published> now, List<Published> before) {
            int likes = now.stream().mapToInt(Published::engagementLikes).sum();
            int comments = now.stream().mapToInt(Published::engagementComments).sum();
            int likesBefore = before.stream().mapToInt(Published::engagementLikes).sum();
            int commentsBefore = before.stream().mapToInt(Published::engagementComments).sum();
            return new Totals(name, now.size(), likes, comments, change(now.size(), before.size()),
                    change(likes, likesBefore), change(comments, commentsBefore));
        }

        /** Percent change; null when the period before had none (a trend from nothing means nothing). */
        static Integer change(int now, int before) {
            return before == 0 ? null : (int) Math.round((now - before) * 100.0 / before);
        }
    }

    /** One of a Google location's figures over the period, in the owner's words, with its change (null: none). */
    record ListingFigure(String words, long value, Integer change) {
    }

    /** A Google location's figures over the period; {@code reported} is false while Google has sent no day. */
    record Listing(String name, List<ListingFigure> figures, boolean reported) {

        static Listing of(ListingInsights now, ListingInsights before) {
            ListingInsights.Figures n = now.total();
            ListingInsights.Figures b = before.total();
            List<ListingFigure> figures = new ArrayList<>(List.of(
                    figure("Views on Google Search", n.searchViews(), b.searchViews()),
                    figure("Views on Google Maps", n.mapsViews(), b.mapsViews()),
                    figure("Calls", n.calls(), b.calls()),
                    figure("Website visits", n.websiteClicks(), b.websiteClicks()),
                    figure("Directions asked", n.directionRequests(), b.directionRequests())));
            // Food orders and menu clicks only where Google reports them for the listing.
            if (n.foodOrders() + b.foodOrders() > 0) {
                figures.add(figure("Food orders", n.foodOrders(), b.foodOrders()));
            }
            if (n.menuClicks() + b.menuClicks() > 0) {
                figures.add(figure("Menu clicks", n.menuClicks(), b.menuClicks()));
            }
            return new Listing(now.locationName(), figures, !now.days().isEmpty());
        }

        private static ListingFigure figure(String words, long now, long before) {
            return new ListingFigure(words, now, before == 0 ? null : (int) Math.round((now - before) * 100.0 / before));
        }
    }

    private final Posts posts;
    private final AccountNames accountNames;
    private final GoogleInsights googleInsights;
    private final JsonMapper json;
    private final Clock clock;

    InsightsPage(Posts posts, AccountNames accountNames, GoogleInsights googleInsights, JsonMapper json,
            Clock clock) {
        this.googleInsights = googleInsights;
        this.posts = posts;
        this.accountNames = accountNames;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping
    String insights(@ModelAttribute("me") UserSignIns.SignedInUser me, @ModelAttribute("zone") ZoneId zone,
            @RequestParam(required = false) UUID post, @RequestParam(required = false) UUID account,
            @RequestParam(required = false) Integer days, Model model) {
        int period = days == null ? PERIODS.getFirst() : days;
        if (!PERIODS.contains(period)) {
            throw new InvalidFieldException("days", "must be 7, 30 or 90");
        }
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofDays(period));
        List<Published> both = published(me, now.minus(Duration.ofDays(2L * period)));
        List<Published> published = both.stream().filter(p -> !p.postedAt().isBefore(from)).toList();
        List<Published> before = both.stream().filter(p -> p.postedAt().isBefore(from)).toList();
        Map<UUID, String> names = accountNames.of(me.tenantId());
        model.addAttribute("periods", PERIODS.stream().sorted().toList());
        model.addAttribute("days", period);
        model.addAttribute("names", names);
        model.addAttribute("published", published);
        model.addAttribute("totals", Totals.of("All accounts", published, before));
        model.addAttribute("accountTotals", names.entrySet().stream()
                .map(n -> Totals.of(n.getValue(), published.stream().filter(p -> p.accountId().equals(n.getKey())).toList(),
                        before.stream().filter(p -> p.accountId().equals(n.getKey())).toList()))
                .filter(t -> t.posts() > 0 || t.postsChange() != null).toList());
        model.addAttribute("bestHours", bestHours(published, zone));
        model.addAttribute("listings", listings(me, now, period));

        Published chosen = published.stream().filter(p -> post == null || p.deliveryId().equals(post)).findFirst()
                .orElse(null);
        List<Series> charts = new ArrayList<>();
        if (chosen != null) {
            List<EngagementSnapshot> series = posts.engagement(me.tenantId(), chosen.postId(), chosen.deliveryId());
            List<Long> x = series.stream().map(s -> s.capturedAt().getEpochSecond()).toList();
            charts.add(new Series("Post: " + abbreviate(chosen.caption()), x,
                    series.stream().map(EngagementSnapshot::likes).toList(),
                    series.stream().map(EngagementSnapshot::comments).toList(),
                    x.isEmpty() ? chosen.postedAt().getEpochSecond() : Math.min(x.getFirst(), chosen.postedAt().getEpochSecond()),
                    x.isEmpty() ? now.getEpochSecond() : Math.max(x.getLast(), x.getFirst() + 3600)));
        }
        UUID chosenAccount = account != null && names.containsKey(account) ? account
                : published.stream().findFirst().map(Published::accountId).orElse(null);
        if (chosenAccount != null) {
            charts.add(accountSeries(names.getOrDefault(chosenAccount, "Account"), published.stream()
                    .filter(p -> p.accountId().equals(chosenAccount)).toList(), zone,
                    from.atZone(zone).toLocalDate(), now.atZone(zone).toLocalDate()));
        }
        model.addAttribute("post", chosen == null ? null : chosen.deliveryId());
        model.addAttribute("account", chosenAccount);
        model.addAttribute("charts", charts);
        // Inside a script element: "<" escaped, so no caption can close the element.
        model.addAttribute("chartJson", json.writeValueAsString(charts).replace("<", "\\u003c"));
        return "app/insights";
    }

    /**
     * Each Google location's figures over the period's days up to yesterday (UTC days, as Google reports them),
     * against the period before.
     */
    private List<Listing> listings(UserSignIns.SignedInUser me, Instant now, int period) {
        LocalDate to = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
        LocalDate from = to.minusDays(period - 1L);
        List<ListingInsights> current = googleInsights.read(me.tenantId(), from, to);
        Map<AccountId, ListingInsights> before = new HashMap<>();
        googleInsights.read(me.tenantId(), from.minusDays(period), from.minusDays(1))
                .forEach(l -> before.put(l.accountId(), l));
        ListingInsights.Figures none = new ListingInsights.Figures(0, 0, 0, 0, 0, 0, 0);
        return current.stream().map(l -> Listing.of(l, before.getOrDefault(l.accountId(),
                new ListingInsights(l.accountId(), l.locationName(), from, to, List.of(), none)))).toList();
    }

    /** One network's published delivery of a post, with its engagement. */
    record Published(PostId postId, UUID deliveryId, UUID accountId, Platform platform, String caption,
            Instant postedAt, int engagementLikes, int engagementComments) {
    }

    /** The tenant's deliveries published since {@code from} (of posts published in full or in part), newest first. */
    private List<Published> published(UserSignIns.SignedInUser me, Instant from) {
        List<Published> all = new ArrayList<>();
        for (PostStatus status : List.of(PostStatus.PUBLISHED, PostStatus.PARTIALLY_PUBLISHED)) {
            String cursor = null;
            do {
                CursorPage<PostView> page = posts.list(me.tenantId(), new PostQuery(status, null, from, null),
                        new PageRequest(200, cursor));
                for (PostView post : page.items()) {
                    post.deliveries().stream()
                            .filter(d -> d.status() == DeliveryStatus.PUBLISHED && d.postedAt() != null)
                            .map(d -> new Published(post.id(), d.id(), d.accountId(), d.platform(), d.caption(),
                                    d.postedAt(), d.engagementLikes(), d.engagementComments()))
                            .forEach(all::add);
                }
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        all.sort(Comparator.comparing(Published::postedAt, Comparator.reverseOrder()));
        return all;
    }

    /** Likes and comments of an account's posts, summed per day of publication, on an axis over the period. */
    private static Series accountSeries(String name, List<Published> posts, ZoneId zone, LocalDate first,
            LocalDate last) {
        TreeMap<LocalDate, int[]> byDay = new TreeMap<>();
        for (Published post : posts) {
            LocalDate day = post.postedAt().atZone(zone).toLocalDate();
            int[] sums = byDay.computeIfAbsent(day, d -> new int[2]);
            sums[0] += post.engagementLikes();
            sums[1] += post.engagementComments();
        }
        List<Long> x = new ArrayList<>();
        List<Integer> likes = new ArrayList<>();
        List<Integer> comments = new ArrayList<>();
        byDay.forEach((day, sums) -> {
            x.add(day.atStartOfDay(zone).toEpochSecond());
            likes.add(sums[0]);
            comments.add(sums[1]);
        });
        return new Series("Account: " + name, x, likes, comments, first.atStartOfDay(zone).toEpochSecond(),
                last.plusDays(1).atStartOfDay(zone).toEpochSecond());
    }

    /** The hours ranked as {@link PostingHours} ranks them (the same ranking suggests posting slots). */
    static List<PostingHours.HourStats> bestHours(List<Published> published, ZoneId zone) {
        return PostingHours.rank(published.stream().map(p -> new PostingHours.Sample(p.postedAt(),
                p.engagementLikes() + p.engagementComments())).toList(), zone);
    }

    private static String abbreviate(String caption) {
        String oneLine = caption == null ? "" : caption.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 39) + "…";
    }
}
