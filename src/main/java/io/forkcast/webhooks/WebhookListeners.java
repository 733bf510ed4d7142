package io.forkcast.webhooks;

import io.forkcast.accounts.AccountAccessLost;
import io.forkcast.approvals.ApprovalRecord;
import io.forkcast.approvals.ApprovalRecorded;
import io.forkcast.posts.DeliveryFailed;
import io.forkcast.posts.DeliveryPublished;
import io.forkcast.posts.PostFailed;
import io.forkcast.posts.PostPublished;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the modules' events into messages, one per subscribed endpoint, in two steps. Heard in the transaction of
 * the change, an event becomes a {@link WebhookDue} only when an enabled endpoint of the tenant wants its type; that
 * one goes through the event publication registry and queues the messages once the change committed: a listener cut
 * short by a crash runs again when an instance starts, the {@code event-retry} job runs a failed one again, and the
 * event's key keeps it from queueing a message twice. A tenant with no endpoint for the event pays one read, not a
 * registry record written, claimed and completed per event (about a seventh of a published post's work when every
 * event went through the registry, see bench/README.md).
 */
@Component
class WebhookListeners {

    /**
     * Messages to queue for one event once its change committed; {@code data} is the message's {@code data} without
     * the tenant's id.
     */
    record WebhookDue(TenantId tenantId, WebhookEvent type, String subject, Map<String, Object> data) {
    }

    private final WebhookStore store;
    private final WebhookOutbox outbox;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    WebhookListeners(WebhookStore store, WebhookOutbox outbox, CurrentTenant currentTenant,
            PlatformTransactionManager transactions, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.outbox = outbox;
        this.currentTenant = currentTenant;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @EventListener
    void on(DeliveryPublished published) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("post_id", published.postId().value());
        data.put("delivery_id", published.deliveryId());
        data.put("account_id", published.accountId());
        data.put("platform", published.platform().wireName());
        data.put("platform_post_id", published.platformPostId());
        data.put("late_by_seconds", published.lateness().toSeconds());
        queue(published.tenantId(), WebhookEvent.DELIVERY_PUBLISHED, published.deliveryId().toString(), data);
    }

    @EventListener
    void on(DeliveryFailed failed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("post_id", failed.postId().value());
        data.put("delivery_id", failed.deliveryId());
        data.put("account_id", failed.accountId());
        data.put("platform", failed.platform().wireName());
        data.put("reason", failed.reason());
        queue(failed.tenantId(), WebhookEvent.DELIVERY_FAILED, failed.deliveryId() + ":" + failed.attemptId(), data);
    }

    @EventListener
    void on(PostPublished published) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("post_id", published.postId().value());
        data.put("complete", published.complete());
        queue(published.tenantId(), WebhookEvent.POST_PUBLISHED,
                published.postId().value() + ":" + (published.complete() ? "complete" : "partial"), data);
    }

    @EventListener
    void on(PostFailed failed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("post_id", failed.postId().value());
        queue(failed.tenantId(), WebhookEvent.POST_FAILED, failed.postId().value() + ":" + failed.attemptId(), data);
    }

    @EventListener
    void on(AccountAccessLost lost) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("account_id", lost.accountId().value());
        data.put("platform", lost.platform().wireName());
        data.put("name", lost.name());
        data.put("reason", lost.reason());
        // The event names no moment of its own: the hour it is heard in tells one loss from a later one.
        long hour = clock.instant().truncatedTo(ChronoUnit.HOURS).getEpochSecond();
        queue(lost.tenantId(), WebhookEvent.ACCOUNT_NEEDS_RECONNECT, lost.accountId().value() + ":" + hour, data);
    }

    @EventListener
    void on(ApprovalRecorded recorded) {
        ApprovalRecord record = recorded.record();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("post_id", recorded.postId().value());
        data.put("approval_id", record.id());
        data.put("by", Map.of("kind", record.by().kind().wireName(), "name", record.by().name() == null ? ""
                : record.by().name()));
        if (record.comment() != null) {
            data.put("comment", record.comment());
        }
        if (record.scheduledFor() != null) {
            data.put("scheduled_for", record.scheduledFor());
        }
        WebhookEvent type = switch (record.action()) {
            case REQUESTED -> WebhookEvent.APPROVAL_REQUESTED;
            case APPROVED -> WebhookEvent.APPROVAL_APPROVED;
            case CHANGES_REQUESTED -> WebhookEvent.APPROVAL_CHANGES_REQUESTED;
            case REJECTED -> WebhookEvent.APPROVAL_REJECTED;
        };
        queue(recorded.tenantId(), type, record.id().toString(), data);
    }

    /**
     * In the transaction of the change (one is begun in the tenant's scope when the event came without one): the
     * messages are due only when an enabled endpoint wants the type.
     */
    private void queue(TenantId tenantId, WebhookEvent type, String subject, Map<String, Object> data) {
        currentTenant.callAsTenant(tenantId, null, () -> tx.execute(status -> {
            if (store.enabledEndpoints(tenantId.value()).stream().anyMatch(e -> e.events().contains(type))) {
                events.publishEvent(new WebhookDue(tenantId, type, subject, data));
            }
            return null;
        }));
    }

    // The transaction is opened inside the tenant's scope (row-level security reads the scope when it begins).
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(WebhookDue due) {
        currentTenant.callAsTenant(due.tenantId(), null, () -> tx.execute(status -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Map<String, Object> withTenant = new LinkedHashMap<>();
            withTenant.put("tenant_id", due.tenantId().value());
            withTenant.putAll(due.data());
            for (WebhookStore.EndpointRow endpoint : store.enabledEndpoints(due.tenantId().value())) {
                if (endpoint.events().contains(due.type())) {
                    outbox.enqueue(endpoint, due.type(), due.type().wireName() + ":" + due.subject(), withTenant,
                            now);
                }
            }
            return null;
        }));
    }
}
