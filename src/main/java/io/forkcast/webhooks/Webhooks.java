package io.forkcast.webhooks;

import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.forkcast.vault.Vault;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's webhook endpoints and the messages sent to them. The secret of an endpoint is sealed by the vault and
 * shown once, when it is made or rotated; after a rotation the previous secret signs too for a day, so a receiver
 * can switch without losing a message.
 */
@Service
public class Webhooks {

    static final Duration PREVIOUS_SECRET_KEPT = Duration.ofHours(24);

    private final WebhookStore store;
    private final WebhookOutbox outbox;
    private final Vault vault;
    private final PublicAddresses addresses;
    private final WebhooksProperties properties;
    private final Clock clock;

    private final ApplicationEventPublisher changes;

    Webhooks(WebhookStore store, WebhookOutbox outbox, Vault vault, WebhooksProperties properties, Clock clock,
            ApplicationEventPublisher changes) {
        this.changes = changes;
        this.store = store;
        this.outbox = outbox;
        this.vault = vault;
        this.addresses = new PublicAddresses(properties.allowPrivateAddresses());
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public WebhookSecret create(TenantId tenantId, NewWebhookEndpoint request) {
        String url = checkUrl(request.url());
        List<WebhookEvent> events = checkEvents(request.events());
        String description = checkDescription(request.description());
        if (store.countEndpoints(tenantId.value()) >= properties.maxEndpointsPerTenant()) {
            throw DomainException.conflict("This restaurant has " + properties.maxEndpointsPerTenant()
                    + " webhook endpoints already, the most it may have; delete one first.");
        }
        UUID id = Ids.newId();
        String secret = WebhookSignature.newSecret();
        Instant now = now();
        WebhookStore.EndpointRow row = new WebhookStore.EndpointRow(id, tenantId.value(), url, description, events,
                vault.seal(secret, identity(tenantId.value(), id)), null, null, true, null, null, now, now);
        store.insert(row);
        this.changes.publishEvent(new WebhookEndpointChanged(tenantId, id, WebhookEndpointChanged.Change.CREATED,
                where(url), "events: " + wireNames(events)));
        return new WebhookSecret(row.view(), secret);
    }

    @Transactional(readOnly = true)
    public CursorPage<WebhookEndpoint> list(TenantId tenantId, PageRequest page) {
        return CursorPage.of(store.endpoints(tenantId.value(), page.after(), page.size()), page.size(),
                WebhookStore.EndpointRow::id, WebhookStore.EndpointRow::view);
    }

    @Transactional(readOnly = true)
    public WebhookEndpoint get(TenantId tenantId, UUID endpointId) {
        return endpoint(tenantId, endpointId).view();
    }

    @Transactional
    public WebhookEndpoint change(TenantId tenantId, UUID endpointId, WebhookEndpointChanges changes) {
        if (changes.url() == null && changes.description() == null && changes.events() == null
                && changes.enabled() == null) {
            throw new InvalidFieldException("url", "Give url, description, events or enabled.");
        }
        WebhookStore.EndpointRow row = endpoint(tenantId, endpointId);
        String url = changes.url() == null ? row.url() : checkUrl(changes.url());
        String description = changes.description() == null ? row.description()
                : checkDescription(changes.description());
        List<WebhookEvent> events = changes.events() == null ? row.events() : checkEvents(changes.events());
        boolean enabled = changes.enabled() == null ? row.enabled() : changes.enabled();
        boolean resumed = enabled && !row.enabled();
        store.update(new WebhookStore.EndpointRow(row.id(), row.tenantId(), url, description, events, row.secret(),
                row.previousSecret(), row.previousSecretExpiresAt(), enabled,
                enabled ? null : (row.enabled() ? "Turned off by the restaurant." : row.disabledReason()),
                resumed ? null : row.failingSince(), row.createdAt(), now()));
        this.changes.publishEvent(new WebhookEndpointChanged(tenantId, endpointId,
                WebhookEndpointChanged.Change.CHANGED, where(url), changed(row, url, description, events, enabled)));
        return endpoint(tenantId, endpointId).view();
    }

    @Transactional
    public void delete(TenantId tenantId, UUID endpointId) {
        WebhookStore.EndpointRow row = endpoint(tenantId, endpointId);
        if (!store.delete(tenantId.value(), endpointId)) {
            throw DomainException.notFound("Webhook endpoint");
        }
        changes.publishEvent(new WebhookEndpointChanged(tenantId, endpointId, WebhookEndpointChanged.Change.DELETED,
                where(row.url()), null));
    }

    /** A new secret, shown once; the previous one signs too for a day. */
    @Transactional
    public WebhookSecret rotateSecret(TenantId tenantId, UUID endpointId) {
        WebhookStore.EndpointRow row = endpoint(tenantId, endpointId);
        String secret = WebhookSignature.newSecret();
        Instant now = now();
        WebhookStore.EndpointRow rotated = new WebhookStore.EndpointRow(row.id(), row.tenantId(), row.url(),
                row.description(), row.events(), vault.seal(secret, identity(row.tenantId(), row.id())),
                row.secret(), now.plus(PREVIOUS_SECRET_KEPT), row.enabled(), row.disabledReason(),
                row.failingSince(), row.createdAt(), now);
        store.update(rotated);
        // The secret itself never leaves in the event: the audit trail records only that it changed.
        changes.publishEvent(new WebhookEndpointChanged(tenantId, endpointId,
                WebhookEndpointChanged.Change.SECRET_ROTATED, where(row.url()), null));
        return new WebhookSecret(rotated.view(), secret);
    }

    /** Queues a {@code webhook.test} message to the endpoint, sent at once. */
    @Transactional
    public WebhookMessage sendTest(TenantId tenantId, UUID endpointId) {
        WebhookStore.EndpointRow row = endpoint(tenantId, endpointId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenant_id", tenantId.value());
        data.put("endpoint_id", row.id());
        UUID messageId = outbox.enqueue(row, WebhookEvent.WEBHOOK_TEST, "test:" + Ids.newId(), data, now())
                .orElseThrow();
        return message(tenantId, endpointId, messageId);
    }

    @Transactional(readOnly = true)
    public CursorPage<WebhookMessage> messages(TenantId tenantId, UUID endpointId, PageRequest page) {
        endpoint(tenantId, endpointId);
        return CursorPage.of(store.messages(tenantId.value(), endpointId, page.after(), page.size()), page.size(),
                WebhookStore.MessageRow::id, row -> view(row, store.attempts(tenantId.value(), row.id())));
    }

    @Transactional(readOnly = true)
    public WebhookMessage message(TenantId tenantId, UUID endpointId, UUID messageId) {
        return view(messageRow(tenantId, endpointId, messageId), store.attempts(tenantId.value(), messageId));
    }

    /**
     * Sends a message again now, whatever became of it, with the whole retry schedule ahead of it again; refused
     * while the endpoint is disabled.
     */
    @Transactional
    public WebhookMessage redeliver(TenantId tenantId, UUID endpointId, UUID messageId) {
        WebhookStore.EndpointRow endpoint = endpoint(tenantId, endpointId);
        if (!endpoint.enabled()) {
            throw DomainException.conflict("The endpoint is disabled; enable it first.");
        }
        WebhookStore.MessageRow row = messageRow(tenantId, endpointId, messageId);
        outbox.sendAgain(row, now());
        return message(tenantId, endpointId, messageId);
    }

    /** The URL without user info, query or fragment, where a receiver's token may sit. */
    static String where(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String wireNames(List<WebhookEvent> events) {
        return String.join(", ", events.stream().map(WebhookEvent::wireName).toList());
    }

    /** What a change altered, for the audit trail. */
    private static String changed(WebhookStore.EndpointRow before, String url, String description,
            List<WebhookEvent> events, boolean enabled) {
        List<String> changed = new ArrayList<>();
        if (!url.equals(before.url())) {
            changed.add("url");
        }
        if (!java.util.Objects.equals(description, before.description())) {
            changed.add("description");
        }
        if (!events.equals(before.events())) {
            changed.add("events: " + wireNames(events));
        }
        if (enabled != before.enabled()) {
            changed.add(enabled ? "turned on" : "turned off");
        }
        return changed.isEmpty() ? "saved unchanged" : String.join("; ", changed);
    }

    private WebhookStore.EndpointRow endpoint(TenantId tenantId, UUID endpointId) {
        return store.endpoint(tenantId.value(), endpointId)
                .orElseThrow(() -> DomainException.notFound("Webhook endpoint"));
    }

    private WebhookStore.MessageRow messageRow(TenantId tenantId, UUID endpointId, UUID messageId) {
        return store.message(tenantId.value(), messageId).filter(row -> row.endpointId().equals(endpointId))
                .orElseThrow(() -> DomainException.notFound("Webhook message"));
    }

    static WebhookMessage view(WebhookStore.MessageRow row, List<WebhookMessage.Attempt> attempts) {
        return new WebhookMessage(row.id(), row.endpointId(), row.type(), row.status(), row.attempts(),
                row.status() == WebhookMessage.Status.PENDING ? row.nextAttemptAt() : null, row.deliveredAt(),
                row.createdAt(), row.payload(), attempts);
    }

    static String[] identity(UUID tenantId, UUID endpointId) {
        return new String[] {tenantId.toString(), endpointId.toString(), "webhook-secret"};
    }

    private String checkUrl(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException("url", "Give the endpoint's https:// address.");
        }
        if (text.length() > 2048) {
            throw new InvalidFieldException("url", "The address is longer than 2048 characters.");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidFieldException("url", "Not a valid address: " + e.getReason() + ".");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidFieldException("url", "Webhooks go to https:// addresses only.");
        }
        if (uri.getHost() == null) {
            throw new InvalidFieldException("url", "The address names no host.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidFieldException("url", "The address may not carry a user name or password.");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidFieldException("url", "The address may not have a #fragment.");
        }
        String refusal = addresses.refusal(uri.getHost());
        if (refusal != null) {
            throw new InvalidFieldException("url", refusal);
        }
        return uri.toString();
    }

    private static List<WebhookEvent> checkEvents(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidFieldException("events", "Choose at least one event: " + subscribable() + ".");
        }
        LinkedHashSet<WebhookEvent> events = new LinkedHashSet<>();
        for (String name : names) {
            WebhookEvent event = name == null ? null : WebhookEvent.fromWire(name.strip().toLowerCase(Locale.ROOT))
                    .filter(WebhookEvent::subscribable).orElse(null);
            if (event == null) {
                throw new InvalidFieldException("events", "Unknown event " + name + "; the events are "
                        + subscribable() + ".");
            }
            events.add(event);
        }
        return new ArrayList<>(events);
    }

    private static String subscribable() {
        return String.join(", ", java.util.Arrays.stream(WebhookEvent.values()).filter(WebhookEvent::subscribable)
                .map(WebhookEvent::wireName).toList());
    }

    private static String checkDescription(String description) {
        if (description == null) {
            return null;
        }
        if (description.length() > 200) {
            throw new InvalidFieldException("description", "At most 200 characters.");
        }
        return description.isBlank() ? null : description.strip();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
