package io.forkcast.posts;

import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The hours of the day (in the restaurant's time zone) when its published posts did best: what the dashboard's
 * insights show and what posting slots are suggested from.
 */
@Service
public class PostingHours {

    /** Published deliveries read at most, newest first: a busy restaurant's quarter, and a bounded read. */
    private static final int MAX_READ = 5000;

    /** An hour of the day with the posts published in it and their mean likes plus comments. */
    public record HourStats(int hour, int posts, double meanEngagement) {
    }

    /** One published delivery: when it went out, and its likes plus comments. */
    public record Sample(Instant postedAt, int engagement) {
    }

    private final PostRepository posts;
    private final Tenants tenants;
    private final Clock clock;

    PostingHours(PostRepository posts, Tenants tenants, Clock clock) {
        this.posts = posts;
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * The tenant's hours ranked over the deliveries published in the last {@code period}, to one account or to
     * every account ({@code accountId} null).
     */
    @Transactional(readOnly = true)
    public List<HourStats> best(TenantId tenantId, UUID accountId, Duration period) {
        ZoneId zone = tenants.get(tenantId).timezone();
        List<Sample> samples = posts.recentlyPublished(tenantId.value(), clock.instant().minus(period),
                        Limit.of(MAX_READ)).stream()
                .filter(d -> accountId == null || d.accountId().equals(accountId))
                .map(d -> new Sample(d.postedAt(), d.engagementLikes() + d.engagementComments()))
                .toList();
        return rank(samples, zone);
    }

    /**
     * Hours ranked by the mean likes plus comments of the posts published in them (most first); none while no post
     * has any, since ranking zeros says nothing.
     */
    public static List<HourStats> rank(Collection<Sample> published, ZoneId zone) {
        Map<Integer, int[]> byHour = new LinkedHashMap<>();
        for (Sample post : published) {
            if (post.postedAt() == null) {
                continue;
            }
            int[] sums = byHour.computeIfAbsent(post.postedAt().atZone(zone).getHour(), h -> new int[2]);
            sums[0]++;
            sums[1] += post.engagement();
        }
        if (byHour.values().stream().allMatch(sums -> sums[1] == 0)) {
            return List.of();
        }
        return byHour.entrySet().stream()
                .map(e -> new HourStats(e.getKey(), e.getValue()[0], (double) e.getValue()[1] / e.getValue()[0]))
                .sorted(Comparator.comparingDouble(HourStats::meanEngagement).reversed()
                        .thenComparingInt(HourStats::hour))
                .toList();
    }
}
