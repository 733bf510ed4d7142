package io.forkcast.posts;

import io.forkcast.shared.retention.RetainedData;
import io.forkcast.shared.retention.RetentionPurge;
import io.forkcast.tenancy.RetentionPurges;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The posts module's retained rows: attempts of finished deliveries (published, failed or cancelled; an unfinished
 * delivery may still need its attempts to reconcile), and engagement snapshots (the delivery keeps its latest
 * figures).
 */
@Configuration(proxyBeanMethods = false)
class PostsRetention {

    @Bean
    RetentionPurge attemptsRetention(RetentionPurges purges) {
        return purges.deleting(RetainedData.ATTEMPTS, """
                delete from post_attempts where id in (
                    select a.id from post_attempts a join post_deliveries d on d.id = a.delivery_id
                    where a.started_at < :cutoff and d.status in ('published', 'failed', 'cancelled')
                    limit :batch)""");
    }

    @Bean
    RetentionPurge engagementSnapshotsRetention(RetentionPurges purges) {
        return purges.deleting(RetainedData.ENGAGEMENT_SNAPSHOTS, """
                delete from engagement_snapshots where id in (
                    select id from engagement_snapshots where captured_at < :cutoff limit :batch)""");
    }
}
