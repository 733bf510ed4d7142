package io.forkcast.posts;

import io.forkcast.captions.RecentCaptionSource;
import io.forkcast.tenancy.TenantId;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

/** Published captions count as recent for the captions module's anti-repetition. */
@Component
class PublishedCaptions implements RecentCaptionSource {

    private final PostRepository posts;

    PublishedCaptions(PostRepository posts) {
        this.posts = posts;
    }

    @Override
    @Transactional(readOnly = true)
    public List<RecentCaption> recentCaptions(TenantId tenantId, Instant since, int limit) {
        return posts.recentlyPublished(tenantId.value(), since, Limit.of(limit)).stream()
                .filter(delivery -> delivery.caption() != null && !delivery.caption().isBlank())
                .map(delivery -> new RecentCaption("post:" + delivery.post().id(), delivery.caption(),
                        delivery.postedAt()))
                .toList();
    }
}
