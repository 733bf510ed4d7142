package io.forkcast.notifications;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.forkcast.accounts.AccountAccessLost;
import io.forkcast.posts.DeliveryFailed;
import io.forkcast.tenancy.PasswordResetRequested;
import io.forkcast.tenancy.UserInvited;
import io.forkcast.webhooks.WebhookEndpointDisabled;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import io.forkcast.shared.events.RetriedElsewhere;

import java.time.Clock;

/**
 * Tries again the e-mails that could not be sent: the failed event publications of the events {@link MailListeners}
 * hears, once they are {@code retry-interval} old, until {@code give-up-after}. A db-scheduler job, so one instance
 * at a time resubmits them and an e-mail is not sent twice by two instances retrying at once. (The registry's
 * public API names a publication's event, not its listener: a failed publication of another module's listener of
 * the same events, the posts metrics of {@code DeliveryFailed}, is run again too, which is what the registry is for.)
 */
@Configuration(proxyBeanMethods = false)
class MailJobs {

    static final String MAIL_RETRY = "mail-retry";

    @Bean
    RecurringTask<Void> mailRetryJob(FailedEventPublications failed, NotificationProperties properties,
            Clock clock) {
        return Tasks.recurring(MAIL_RETRY, FixedDelay.of(properties.retryInterval()))
                .execute((instance, context) -> failed.resubmit(ResubmissionOptions.defaults()
                        .withMinAge(properties.retryInterval())
                        .withFilter(publication -> isMail(publication)
                                && publication.getPublicationDate().isAfter(
                                        clock.instant().minus(properties.giveUpAfter())))));
    }

    /** E-mail is retried by this job alone, at its own pace and with its own give-up. */
    @Bean
    RetriedElsewhere mailRetriedHere() {
        return MailJobs::isMail;
    }

    static boolean isMail(EventPublication publication) {
        Object event = publication.getEvent();
        return event instanceof UserInvited || event instanceof PasswordResetRequested
                || event instanceof DeliveryFailed || event instanceof AccountAccessLost
                || event instanceof WebhookEndpointDisabled;
    }
}
