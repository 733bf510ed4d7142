package io.forkcast.captions;

import io.forkcast.shared.retention.RetainedData;
import io.forkcast.shared.retention.RetentionPurge;
import io.forkcast.tenancy.RetentionPurges;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Generated captions older than their retention; a published caption lives on in its post. */
@Configuration(proxyBeanMethods = false)
class CaptionsRetention {

    @Bean
    RetentionPurge generatedCaptionsRetention(RetentionPurges purges) {
        return purges.deleting(RetainedData.CAPTIONS, """
                delete from generated_captions where id in (
                    select id from generated_captions where created_at < :cutoff limit :batch)""");
    }
}
