package io.forkcast.web;

import io.forkcast.posts.DeliveryStatus;
import io.forkcast.posts.EngagementSnapshot;
import io.forkcast.posts.PostId;
import io.forkcast.posts.PostQuery;
import io.forkcast.posts.PostStatus;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.Platform;
import io.forkcast.shared.CursorPage;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Insights: likes and comments over time for one post (its engagement snapshots) and for one account (per day
 * of publication), as uPlot charts, and the hours (in the restaurant's time zone) when its own posts did best.
 */
@Controller
@RequestMapping("/app/insights")
class InsightsPage {

    /** How far back the account chart and the best hours look. */
    static final Duration HISTORY = Duration.ofDays(90);

    /** An hour of the day with the posts published in it and their mean likes plus comments. */
    record HourStats(int hour, int posts, double meanEngagement) {
    }

    /** A chart's columns as uPlot takes them: x (epoch seconds), likes, comments. */
    record Series(String title, List<Long> x, List<Integer> likes, List<Integer> comments) {
    }

    private final Posts posts;
    private final AccountNames accountNames;
    private final JsonMapper json;
    private final Clock clock;

    InsightsPage(Posts posts, AccountNames accountNames, JsonMapper json, Clock clock) {
        this.posts = posts;
        this.accountNames = accountNames;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping
    String insights(@ModelAttribute("me") UserSignIns.SignedInUser me, @ModelAttribute("zone") ZoneId zone,
            @RequestParam(required = false) UUID post, @RequestParam(required = false) UUID account, Model model) {
        List<Published> published = published(me);
        Map<UUID, String> names = accountNames.of(me.tenantId());
        model.addAttribute("names", names);
        model.addAttribute("published", published);
        model.addAttribute("bestHours", bestHours(published, zone));

        Published chosen = published.stream().filter(p -> post == null || p.deliveryId().equals(post)).findFirst()
                .orElse(null);
        UUID chosenPost = chosen == null ? null : chosen.deliveryId();
        List<Series> charts = new ArrayList<>();
        if (chosen != null) {
            List<EngagementSnapshot> series = posts.engagement(me.tenantId(), chosen.postId(), chosen.deliveryId());
            charts.add(new Series("Post: " + abbreviate(chosen.caption()),
                    series.stream().map(s -> s.capturedAt().getEpochSecond()).toList(),
                    series.stream().map(EngagementSnapshot::likes).toList(),
                    series.stream().map(EngagementSnapshot::comments).toList()));
        }
        UUID chosenAccount = account != null ? account
                : published.stream().findFirst().map(Published::accountId).orElse(null);
        if (chosenAccount != null) {
            charts.add(accountSeries(names.getOrDefault(chosenAccount, "Account"), published.stream()
                    .filter(p -> p.accountId().equals(chosenAccount)).toList(), zone));
        }
        model.addAttribute("post", chosenPost);
        model.addAttribute("account", chosenAccount);
        model.addAttribute("charts", charts);
        // Inside a script element: "<" escaped, so no caption can close the element.
        model.addAttribute("chartJson", json.writeValueAsString(charts).replace("<", "\\u003c"));
        return "app/insights";
    }

    /** One network's published delivery of a post, with its engagement. */
    record Published(PostId postId, UUID deliveryId, UUID accountId, Platform platform, String caption,
            Instant postedAt, int engagementLikes, int engagementComments) {
    }

    /** The tenant's deliveries published within the history (of posts published in full or in part), newest first. */
    private List<Published> published(UserSignIns.SignedInUser me) {
        List<Published> all = new ArrayList<>();
        for (PostStatus status : List.of(PostStatus.PUBLISHED, PostStatus.PARTIALLY_PUBLISHED)) {
            String cursor = null;
            do {
                CursorPage<PostView> page = posts.list(me.tenantId(), new PostQuery(status, null,
                        clock.instant().minus(HISTORY), null), new PageRequest(200, cursor));
                for (PostView post : page.items()) {
                    post.deliveries().stream().filter(d -> d.status() == DeliveryStatus.PUBLISHED)
                            .map(d -> new Published(post.id(), d.id(), d.accountId(), d.platform(), d.caption(),
                                    d.postedAt(), d.engagementLikes(), d.engagementComments()))
                            .forEach(all::add);
                }
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        all.sort(Comparator.comparing(Published::postedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return all;
    }

    /** Likes and comments of an account's posts, summed per day of publication. */
    private static Series accountSeries(String name, List<Published> posts, ZoneId zone) {
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
        return new Series("Account: " + name, x, likes, comments);
    }

    /** Hours ranked by the mean likes plus comments of the posts published in them (most first). */
    static List<HourStats> bestHours(List<Published> published, ZoneId zone) {
        Map<Integer, int[]> byHour = new LinkedHashMap<>();
        for (Published post : published) {
            if (post.postedAt() == null) {
                continue;
            }
            int[] sums = byHour.computeIfAbsent(post.postedAt().atZone(zone).getHour(), h -> new int[2]);
            sums[0]++;
            sums[1] += post.engagementLikes() + post.engagementComments();
        }
        return byHour.entrySet().stream()
                .map(e -> new HourStats(e.getKey(), e.getValue()[0], (double) e.getValue()[1] / e.getValue()[0]))
                .sorted(Comparator.comparingDouble(HourStats::meanEngagement).reversed()
                        .thenComparingInt(HourStats::hour))
                .toList();
    }

    private static String abbreviate(String caption) {
        String oneLine = caption == null ? "" : caption.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 39) + "…";
    }
}
