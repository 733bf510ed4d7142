package io.forkcast.webhooks.web;

import io.forkcast.shared.CursorPage;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.forkcast.webhooks.NewWebhookEndpoint;
import io.forkcast.webhooks.WebhookEndpoint;
import io.forkcast.webhooks.WebhookEndpointChanges;
import io.forkcast.webhooks.WebhookEvent;
import io.forkcast.webhooks.WebhookMessage;
import io.forkcast.webhooks.WebhookSecret;
import io.forkcast.webhooks.Webhooks;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Tag(name = "Webhooks", description = "HTTPS endpoints told of deliveries, posts and accounts as they happen, signed "
        + "the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature), retried for about a day. "
        + "Changing them needs the admin scope.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/webhooks")
class WebhookController {

    /**
     * @param url    an https:// address on a public host
     * @param events the events to send: delivery.published, delivery.failed, post.published, post.failed,
     *               account.needs_reconnect
     */
    record NewWebhookRequest(@NotNull String url, @Size(max = 200) String description,
            @NotNull @Size(min = 1, max = 10) List<@NotNull String> events) {
    }

    /** What to change; an absent field stays as it is. {@code enabled: true} resumes a disabled endpoint. */
    record WebhookChangeRequest(String url, @Size(max = 200) String description,
            @Size(min = 1, max = 10) List<@NotNull String> events,
            Boolean enabled) {
    }

    /**
     * An endpoint with its signing secret ({@code whsec_...}), shown only in this answer: keep it where the receiver
     * verifies signatures.
     */
    record WebhookEndpointWithSecret(UUID id, String url, String description, List<WebhookEvent> events, boolean enabled,
            String disabledReason, Instant failingSince, Instant previousSecretExpiresAt, Instant createdAt,
            Instant updatedAt, String secret) {

        static WebhookEndpointWithSecret of(WebhookSecret made) {
            WebhookEndpoint e = made.endpoint();
            return new WebhookEndpointWithSecret(e.id(), e.url(), e.description(), e.events(), e.enabled(),
                    e.disabledReason(), e.failingSince(), e.previousSecretExpiresAt(), e.createdAt(), e.updatedAt(),
                    made.secret());
        }
    }

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    WebhookEndpointWithSecret create(@PathVariable UUID tenantId, @Valid @RequestBody NewWebhookRequest request) {
        return WebhookEndpointWithSecret.of(webhooks.create(new TenantId(tenantId),
                new NewWebhookEndpoint(request.url(), request.description(), request.events())));
    }

    @GetMapping
    CursorPage<WebhookEndpoint> list(@PathVariable UUID tenantId, @Valid PageRequest page) {
        return webhooks.list(new TenantId(tenantId), page);
    }

    @GetMapping("/{endpointId}")
    WebhookEndpoint get(@PathVariable UUID tenantId, @PathVariable UUID endpointId) {
        return webhooks.get(new TenantId(tenantId), endpointId);
    }

    @PatchMapping("/{endpointId}")
    WebhookEndpoint change(@PathVariable UUID tenantId, @PathVariable UUID endpointId,
            @Valid @RequestBody WebhookChangeRequest request) {
        return webhooks.change(new TenantId(tenantId), endpointId, new WebhookEndpointChanges(request.url(),
                request.description(), request.events(), request.enabled()));
    }

    @DeleteMapping("/{endpointId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID tenantId, @PathVariable UUID endpointId) {
        webhooks.delete(new TenantId(tenantId), endpointId);
    }

    /** A new signing secret, shown once; for a day the previous one signs every message too. */
    @PostMapping("/{endpointId}/rotate-secret")
    WebhookEndpointWithSecret rotateSecret(@PathVariable UUID tenantId, @PathVariable UUID endpointId) {
        return WebhookEndpointWithSecret.of(webhooks.rotateSecret(new TenantId(tenantId), endpointId));
    }

    /** Sends a {@code webhook.test} message to the endpoint now. */
    @PostMapping("/{endpointId}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    WebhookMessage test(@PathVariable UUID tenantId, @PathVariable UUID endpointId) {
        return webhooks.sendTest(new TenantId(tenantId), endpointId);
    }

    /** The endpoint's messages, newest first, each with its attempts. */
    @GetMapping("/{endpointId}/messages")
    CursorPage<WebhookMessage> messages(@PathVariable UUID tenantId, @PathVariable UUID endpointId,
            @Valid PageRequest page) {
        return webhooks.messages(new TenantId(tenantId), endpointId, page);
    }

    @GetMapping("/{endpointId}/messages/{messageId}")
    WebhookMessage message(@PathVariable UUID tenantId, @PathVariable UUID endpointId, @PathVariable UUID messageId) {
        return webhooks.message(new TenantId(tenantId), endpointId, messageId);
    }

    /** Sends the message again now, with the whole retry schedule ahead of it. */
    @PostMapping("/{endpointId}/messages/{messageId}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    WebhookMessage redeliver(@PathVariable UUID tenantId, @PathVariable UUID endpointId,
            @PathVariable UUID messageId) {
        return webhooks.redeliver(new TenantId(tenantId), endpointId, messageId);
    }
}
