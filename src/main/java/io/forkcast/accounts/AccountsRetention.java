package io.forkcast.accounts;

import io.forkcast.shared.retention.RetainedData;
import io.forkcast.shared.retention.RetentionPurge;
import io.forkcast.tenancy.RetentionPurges;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The log of token checks and refreshes with Graph, kept as long as outside calls are. */
@Configuration(proxyBeanMethods = false)
class AccountsRetention {

    @Bean
    RetentionPurge outsideCallsRetention(RetentionPurges purges) {
        return purges.deleting(RetainedData.OUTSIDE_CALLS, """
                delete from token_refresh_history where id in (
                    select id from token_refresh_history where created_at < :cutoff limit :batch)""");
    }
}
