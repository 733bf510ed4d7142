package io.forkcast.webhooks;

import io.forkcast.shared.Ids;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import io.forkcast.vault.Vault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * One attempt to send one message, in the message's tenant: read it (no transaction is held while the endpoint
 * answers), send it signed with the endpoint's secret (and the previous one during a rotation), record the attempt,
 * and say when to try again. An endpoint whose attempts have all failed for {@code disable-after} is disabled.
 */
@Component
class WebhookDelivery {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private record Prepared(WebhookStore.MessageRow message, URI url, String signatures, long timestamp) {
    }

    private final WebhookStore store;
    private final WebhookSender sender;
    private final Vault vault;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final WebhooksProperties properties;
    private final Clock clock;

    WebhookDelivery(WebhookStore store, WebhookSender sender, Vault vault, CurrentTenant currentTenant,
            PlatformTransactionManager transactions, ApplicationEventPublisher events, WebhooksProperties properties,
            Clock clock) {
        this.store = store;
        this.sender = sender;
        this.vault = vault;
        this.currentTenant = currentTenant;
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Sends the message once; answers when to try again, or {@code null} when it is done (sent, or given up). */
    Instant attempt(TenantId tenantId, UUID messageId) {
        return currentTenant.callAsTenant(tenantId, null, () -> {
            Prepared prepared = tx.execute(status -> prepare(tenantId.value(), messageId));
            if (prepared == null) {
                return null;
            }
            WebhookSender.Outcome outcome = sender.send(prepared.url(), messageId.toString(), prepared.timestamp(),
                    prepared.signatures(), prepared.message().payload());
            return tx.execute(status -> record(prepared.message(), outcome));
        });
    }

    private Prepared prepare(UUID tenantId, UUID messageId) {
        WebhookStore.MessageRow message = store.message(tenantId, messageId).orElse(null);
        if (message == null || message.status() != WebhookMessage.Status.PENDING) {
            return null;
        }
        WebhookStore.EndpointRow endpoint = store.endpoint(tenantId, message.endpointId()).orElse(null);
        if (endpoint == null) {
            return null;
        }
        if (!endpoint.enabled()) {
            // Kept as it was: the owner may send it again once the endpoint is enabled.
            store.update(withStatus(message, WebhookMessage.Status.FAILED, message.attempts(), null, null));
            return null;
        }
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        String[] identity = Webhooks.identity(tenantId, endpoint.id());
        String signatures = WebhookSignature.sign(vault.open(endpoint.secret(), identity), messageId.toString(),
                timestamp, message.payload());
        if (endpoint.previousSecret() != null && endpoint.previousSecretExpiresAt() != null
                && endpoint.previousSecretExpiresAt().isAfter(now)) {
            signatures += " " + WebhookSignature.sign(vault.open(endpoint.previousSecret(), identity),
                    messageId.toString(), timestamp, message.payload());
        }
        return new Prepared(message, URI.create(endpoint.url()), signatures, timestamp);
    }

    private Instant record(WebhookStore.MessageRow message, WebhookSender.Outcome outcome) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID tenantId = message.tenantId();
        store.insertAttempt(Ids.newId(), tenantId, message.id(), new WebhookMessage.Attempt(now, outcome.status(),
                outcome.latencyMs(), outcome.error(), outcome.excerpt()));
        int attempts = message.attempts() + 1;
        WebhookStore.EndpointRow endpoint = store.lockEndpoint(tenantId, message.endpointId()).orElse(null);
        if (outcome.delivered()) {
            store.update(withStatus(message, WebhookMessage.Status.DELIVERED, attempts, null, now));
            if (endpoint != null && endpoint.failingSince() != null) {
                store.update(failing(endpoint, null, endpoint.enabled(), endpoint.disabledReason(), now));
            }
            return null;
        }
        List<Duration> delays = properties.retryDelays();
        Instant next = attempts <= delays.size() ? now.plus(delays.get(attempts - 1)) : null;
        Instant failingSince = endpoint == null || endpoint.failingSince() == null ? now : endpoint.failingSince();
        boolean disable = endpoint != null && endpoint.enabled()
                && !failingSince.plus(properties.disableAfter()).isAfter(now);
        if (endpoint == null || !endpoint.enabled() || disable) {
            next = null;
        }
        store.update(withStatus(message, next == null ? WebhookMessage.Status.FAILED : WebhookMessage.Status.PENDING,
                attempts, next, null));
        if (endpoint == null) {
            return null;
        }
        if (disable) {
            String reason = "Every attempt failed since " + failingSince + "; the last: " + outcome.error();
            store.update(failing(endpoint, failingSince, false, reason.length() > 500 ? reason.substring(0, 500)
                    : reason, now));
            events.publishEvent(new WebhookEndpointDisabled(new TenantId(tenantId), endpoint.id(), endpoint.url(),
                    reason));
            log.warn("Webhook endpoint {} of tenant {} disabled: failing for {}", endpoint.id(), tenantId,
                    properties.disableAfter());
            return null;
        }
        if (endpoint.failingSince() == null) {
            store.update(failing(endpoint, failingSince, endpoint.enabled(), endpoint.disabledReason(), now));
        }
        return next;
    }

    private static WebhookStore.MessageRow withStatus(WebhookStore.MessageRow row, WebhookMessage.Status status,
            int attempts, Instant next, Instant deliveredAt) {
        return new WebhookStore.MessageRow(row.id(), row.tenantId(), row.endpointId(), row.type(), row.payload(),
                status, attempts, next, deliveredAt, row.createdAt());
    }

    private static WebhookStore.EndpointRow failing(WebhookStore.EndpointRow row, Instant failingSince,
            boolean enabled, String disabledReason, Instant now) {
        return new WebhookStore.EndpointRow(row.id(), row.tenantId(), row.url(), row.description(), row.events(),
                row.secret(), row.previousSecret(), row.previousSecretExpiresAt(), enabled, disabledReason,
                failingSince, row.createdAt(), now);
    }
}
