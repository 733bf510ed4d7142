package io.forkcast.audit;

import io.forkcast.accounts.AccountAccessLost;
import io.forkcast.accounts.AccountConnected;
import io.forkcast.accounts.AccountDisconnected;
import io.forkcast.approvals.ApprovalRecord;
import io.forkcast.approvals.ApprovalRecorded;
import io.forkcast.assets.AssetChanged;
import io.forkcast.captions.MenuChanged;
import io.forkcast.captions.MenuItemAvailabilityChanged;
import io.forkcast.captions.OpeningHoursChanged;
import io.forkcast.captions.RestaurantProfileChanged;
import io.forkcast.posts.PostChanged;
import io.forkcast.posts.PostFailed;
import io.forkcast.posts.PostPublished;
import io.forkcast.tenancy.ApiKeyChanged;
import io.forkcast.tenancy.TenantSettingsChanged;
import io.forkcast.tenancy.TenantUserChanged;
import io.forkcast.webhooks.WebhookEndpointChanged;
import io.forkcast.webhooks.WebhookEndpointDisabled;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hears the modules' events as they are published, in the thread and transaction of the change (not after commit,
 * as the webhooks do): the record is written with the change, and the request's caller is still known.
 */
@Component
class AuditListeners {

    private final AuditTrail trail;

    AuditListeners(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(PostChanged changed) {
        trail.record(changed.tenantId(), "post." + changed.change().name().toLowerCase(), "post",
                changed.postId().value(), changed.summary());
    }

    @EventListener
    void on(PostPublished published) {
        trail.record(published.tenantId(), "post.published", "post", published.postId().value(),
                published.complete() ? "every delivery went out" : "some deliveries went out");
    }

    @EventListener
    void on(PostFailed failed) {
        trail.record(failed.tenantId(), "post.failed", "post", failed.postId().value(), "no delivery went out");
    }

    /** By whoever started the connect: its callback carries no caller (a browser coming back from the network). */
    @EventListener
    void on(AccountConnected connected) {
        String summary = connected.platform().displayName() + " " + connected.name();
        if (connected.connectedBy() == null) {
            trail.record(connected.tenantId(), "account.connected", "account", connected.accountId().value(),
                    summary);
        } else {
            trail.record(connected.tenantId(), connected.connectedBy(), "account.connected", "account",
                    connected.accountId().value(), summary);
        }
    }

    @EventListener
    void on(AccountDisconnected disconnected) {
        trail.record(disconnected.tenantId(), "account.disconnected", "account",
                disconnected.accountId().value(), null);
    }

    @EventListener
    void on(AccountAccessLost lost) {
        trail.record(lost.tenantId(), "account.needs_reconnect", "account", lost.accountId().value(),
                lost.platform().displayName() + " " + lost.name() + ": " + lost.reason());
    }

    @EventListener
    void on(TenantUserChanged changed) {
        trail.record(changed.tenantId(), "user." + changed.change().name().toLowerCase(), "user", changed.userId(),
                changed.email() + (changed.summary() == null ? "" : " (" + changed.summary() + ")"));
    }

    @EventListener
    void on(ApiKeyChanged changed) {
        trail.record(changed.tenantId(), "api_key." + changed.change().name().toLowerCase(), "api_key",
                changed.keyId(), changed.name() + " (scopes: " + changed.scopes() + ")");
    }

    /** Asked for, approved, sent back or rejected; by whom as the approvals record it (a share link has no login). */
    @EventListener
    void on(ApprovalRecorded recorded) {
        ApprovalRecord record = recorded.record();
        trail.record(recorded.tenantId(), "approval." + record.action().wireName(), "post",
                recorded.postId().value(), "by " + record.by().name() + " (" + record.by().kind().wireName() + ")"
                        + (record.comment() == null ? "" : ", with a comment"));
    }

    @EventListener
    void on(TenantSettingsChanged changed) {
        trail.record(changed.tenantId(), "settings.changed", "settings", changed.tenantId().value(),
                changed.summary());
    }

    @EventListener
    void on(RestaurantProfileChanged changed) {
        trail.record(changed.tenantId(), "profile.changed", "profile", changed.tenantId().value(),
                changed.summary());
    }

    @EventListener
    void on(OpeningHoursChanged changed) {
        trail.record(changed.tenantId(), "opening_hours.changed", "opening_hours", changed.tenantId().value(),
                changed.summary());
    }

    @EventListener
    void on(MenuChanged changed) {
        trail.record(changed.tenantId(), "menu_item." + changed.change().name().toLowerCase(), "menu_item",
                changed.menuItemId(), changed.itemName());
    }

    @EventListener
    void on(MenuItemAvailabilityChanged changed) {
        trail.record(changed.tenantId(), "menu_item.availability_changed", "menu_item", changed.menuItemId(),
                changed.itemName() + ": " + changed.summary());
    }

    @EventListener
    void on(AssetChanged changed) {
        trail.record(changed.tenantId(), "asset." + changed.change().name().toLowerCase(), "asset",
                changed.assetId().value(), changed.filename()
                        + (changed.summary() == null ? "" : " (" + changed.summary() + ")"));
    }

    /** Forkcast's own decision, even when the attempt that tipped it ran in someone's request. */
    @EventListener
    void on(WebhookEndpointDisabled disabled) {
        trail.recordByForkcast(disabled.tenantId(), "webhook_endpoint.disabled", "webhook_endpoint",
                disabled.endpointId(), disabled.where() + ": " + disabled.reason());
    }

    @EventListener
    void on(WebhookEndpointChanged changed) {
        trail.record(changed.tenantId(), "webhook_endpoint." + changed.change().name().toLowerCase(),
                "webhook_endpoint", changed.endpointId(), changed.where()
                        + (changed.summary() == null ? "" : " (" + changed.summary() + ")"));
    }
}
