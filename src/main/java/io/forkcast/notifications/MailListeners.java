package io.forkcast.notifications;

import io.forkcast.accounts.AccountAccessLost;
import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.approvals.ApprovalAction;
import io.forkcast.approvals.ApprovalRecord;
import io.forkcast.approvals.ApprovalRecorded;
import io.forkcast.posts.DeliveryFailed;
import io.forkcast.posts.MenuItemPostHeld;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Platform;
import io.forkcast.shared.PublicUrls;
import io.forkcast.tenancy.ClosedTenantDeleted;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantClosed;
import io.forkcast.tenancy.TenantRestored;
import io.forkcast.tenancy.PasswordResetRequested;
import io.forkcast.tenancy.Tenant;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.TenantUser;
import io.forkcast.tenancy.TenantUsers;
import io.forkcast.tenancy.Tenants;
import io.forkcast.tenancy.UserInvited;
import io.forkcast.tenancy.UserSignIns;
import io.forkcast.webhooks.WebhookEndpointDisabled;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns events into e-mails, after the action that raised them committed and through the event publication
 * registry: an e-mail that could not be sent leaves its publication unfinished, and {@link MailJobs} (or the next
 * start) runs it again, so the action itself never waits for, nor fails with, the SMTP server. One event, one
 * e-mail (a notice goes to all of a restaurant's owners and admins at once), so each state change is told once.
 */
@Component
class MailListeners {

    private final Letters letters;
    private final Mailer mailer;
    private final Tenants tenants;
    private final TenantUsers users;
    private final Posts posts;
    private final Accounts accounts;
    private final CurrentTenant currentTenant;
    private final PublicUrls publicUrls;

    MailListeners(Letters letters, Mailer mailer, Tenants tenants, TenantUsers users, Posts posts, Accounts accounts,
            CurrentTenant currentTenant, PublicUrls publicUrls) {
        this.letters = letters;
        this.mailer = mailer;
        this.tenants = tenants;
        this.users = users;
        this.posts = posts;
        this.accounts = accounts;
        this.currentTenant = currentTenant;
        this.publicUrls = publicUrls;
    }

    // No transaction around the listeners: the reads open their own in the tenant's scope, and none is held open
    // while the SMTP server answers.
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(UserInvited invited) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("restaurant", invited.tenantName());
        values.put("email", invited.email());
        values.put("link", invited.link().toString());
        values.put("until", Letters.when(invited.expiresAt(), zoneOf(invited.tenantId())));
        mailer.send("invitation", List.of(invited.email()), letters.write("invitation",
                "Your invitation to " + invited.tenantName() + " on Forkcast", values));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PasswordResetRequested requested) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("restaurant", requested.tenantName());
        values.put("email", requested.email());
        values.put("link", requested.link().toString());
        values.put("until", Letters.when(requested.expiresAt(), zoneOf(requested.tenantId())));
        values.put("signIn", publicUrls.resolve("/app/sign-in").toString());
        mailer.send("password-reset", List.of(requested.email()), letters.write("password-reset",
                "Choose a new Forkcast password for " + requested.tenantName(), values));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(DeliveryFailed failed) {
        currentTenant.callAsTenant(failed.tenantId(), null, () -> {
            List<String> to = adminsOf(failed.tenantId());
            Optional<PostView> post = post(failed);
            if (to.isEmpty() || post.isEmpty()) {
                return null;
            }
            String account = accounts.find(failed.tenantId(), new AccountId(failed.accountId()))
                    .map(MailListeners::accountName).orElse(failed.platform().displayName());
            String why = post.get().deliveries().stream().filter(d -> d.id().equals(failed.deliveryId()))
                    .findFirst().map(PostView.DeliveryView::failure).map(PostView.Failure::message)
                    .orElse("The network refused it.");
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("restaurant", tenantName(failed.tenantId()));
            values.put("account", account);
            values.put("caption", opening(post.get().caption()));
            values.put("why", why);
            values.put("link", publicUrls.resolve("/app/calendar/posts/" + failed.postId().value()).toString());
            mailer.send("delivery-failed", to, letters.write("delivery-failed",
                    "A post did not go out on " + account, values));
            return null;
        });
    }

    /** A post about a menu item waits: the item is sold out or out of season at the post's time. */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MenuItemPostHeld held) {
        currentTenant.callAsTenant(held.tenantId(), null, () -> {
            List<String> to = adminsOf(held.tenantId());
            Optional<PostView> post = post(held.tenantId(), held.postId());
            if (to.isEmpty() || post.isEmpty()) {
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("restaurant", tenantName(held.tenantId()));
            values.put("when", Letters.when(held.scheduledFor(), zoneOf(held.tenantId())));
            values.put("caption", opening(post.get().caption()));
            values.put("why", held.reason());
            values.put("link", publicUrls.resolve("/app/calendar/posts/" + held.postId().value()).toString());
            mailer.send("post-held", to, letters.write("post-held", "A post is on hold: the dish is not available",
                    values));
            return null;
        });
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(AccountAccessLost lost) {
        currentTenant.callAsTenant(lost.tenantId(), null, () -> {
            List<String> to = adminsOf(lost.tenantId());
            if (to.isEmpty()) {
                return null;
            }
            String account = lost.platform().accountName(lost.name());
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("restaurant", tenantName(lost.tenantId()));
            values.put("account", account);
            values.put("why", lost.reason() == null ? "Facebook no longer lets Forkcast act for it." : lost.reason());
            values.put("link", publicUrls.resolve("/app/accounts").toString());
            mailer.send("account-access-lost", to, letters.write("account-access-lost",
                    "Reconnect " + account + " to keep posting", values));
            return null;
        });
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(TenantClosed closed) {
        currentTenant.callAsTenant(closed.tenantId(), null, () -> {
            List<String> to = adminsOf(closed.tenantId());
            if (to.isEmpty()) {
                return null;
            }
            ZoneId zone = zoneOf(closed.tenantId());
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("restaurant", closed.tenantName());
            values.put("closed", Letters.when(closed.closedAt(), zone));
            values.put("until", Letters.when(closed.deleteAfter(), zone));
            mailer.send("account-closed", to, letters.write("account-closed",
                    "The Forkcast account of " + closed.tenantName() + " is closed", values));
            return null;
        });
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(TenantRestored restored) {
        currentTenant.callAsTenant(restored.tenantId(), null, () -> {
            List<String> to = adminsOf(restored.tenantId());
            if (to.isEmpty()) {
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("restaurant", restored.tenantName());
            values.put("link", publicUrls.resolve("/app/calendar").toString());
            mailer.send("account-restored", to, letters.write("account-restored",
                    "The Forkcast account of " + restored.tenantName() + " is open again", values));
            return null;
        });
    }

    /** The users are gone with the tenant: the notice goes to the address the restaurant gave. */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ClosedTenantDeleted deleted) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("restaurant", deleted.tenantName());
        values.put("deleted", Letters.when(deleted.deletedAt(), ZoneOffset.UTC));
        mailer.send("account-deleted", List.of(deleted.email()), letters.write("account-deleted",
                "The Forkcast account of " + deleted.tenantName() + " was deleted", values));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(WebhookEndpointDisabled disabled) {
        currentTenant.callAsTenant(disabled.tenantId(), null, () -> {
            List<String> to = adminsOf(disabled.tenantId());
            if (to.isEmpty()) {
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("restaurant", tenantName(disabled.tenantId()));
            values.put("url", disabled.url());
            values.put("why", disabled.reason());
            values.put("link", publicUrls.resolve("/app/settings/webhooks/" + disabled.endpointId()).toString());
            mailer.send("webhook-disabled", to, letters.write("webhook-disabled",
                    "Forkcast stopped sending to one of your webhooks", values));
            return null;
        });
    }

    /**
     * A post waits for approval: its owners and admins are told (but not the one who asked, should an admin's key
     * have asked). A decision: the user who asked is told, unless they decided themselves.
     */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ApprovalRecorded recorded) {
        currentTenant.callAsTenant(recorded.tenantId(), null, () -> {
            ApprovalRecord record = recorded.record();
            Optional<PostView> post = post(recorded.tenantId(), recorded.postId());
            if (post.isEmpty()) {
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("restaurant", tenantName(recorded.tenantId()));
            values.put("who", record.by().name() == null ? "Someone" : record.by().name());
            values.put("caption", opening(post.get().caption()));
            values.put("link", publicUrls.resolve("/app/calendar/posts/" + recorded.postId().value()).toString());
            if (record.action() == ApprovalAction.REQUESTED) {
                List<String> to = users.admins(recorded.tenantId()).stream()
                        .filter(user -> !user.id().equals(record.by().id())).map(TenantUser::email).distinct()
                        .toList();
                if (!to.isEmpty()) {
                    mailer.send("approval-requested", to, letters.write("approval-requested",
                            "A post waits for your approval", values));
                }
                return null;
            }
            if (recorded.author() == null || recorded.author().equals(record.by().id())) {
                return null;
            }
            Optional<TenantUser> author;
            try {
                author = Optional.of(users.get(recorded.tenantId(), recorded.author()));
            } catch (DomainException gone) {
                author = Optional.empty(); // removed from the team meanwhile
            }
            if (author.isEmpty()) {
                return null;
            }
            String decision = switch (record.action()) {
                case APPROVED -> "approved";
                case CHANGES_REQUESTED -> "asked for changes to";
                default -> "rejected";
            };
            values.put("decision", decision);
            values.put("comment", record.comment());
            values.put("next", switch (record.action()) {
                case APPROVED -> "It goes out " + Letters.when(post.get().scheduledFor(), zoneOf(recorded.tenantId()))
                        + ".";
                case CHANGES_REQUESTED -> "Change it, then submit it for approval again:";
                default -> "It will not be published.";
            });
            mailer.send("approval-decided", List.of(author.get().email()), letters.write("approval-decided",
                    "Your post was " + (record.action() == ApprovalAction.CHANGES_REQUESTED ? "sent back for changes"
                            : decision), values));
            return null;
        });
    }

    private List<String> adminsOf(TenantId tenantId) {
        return users.admins(tenantId).stream().map(TenantUser::email).distinct().toList();
    }

    private Optional<PostView> post(DeliveryFailed failed) {
        return post(failed.tenantId(), failed.postId());
    }

    private Optional<PostView> post(TenantId tenantId, io.forkcast.posts.PostId postId) {
        try {
            return Optional.of(posts.get(tenantId, postId));
        } catch (DomainException gone) {
            return Optional.empty(); // deleted with its tenant meanwhile: nobody left to tell
        }
    }

    private String tenantName(TenantId tenantId) {
        return tenants.find(tenantId).map(Tenant::name).orElse("");
    }

    private ZoneId zoneOf(TenantId tenantId) {
        return currentTenant.callAsTenant(tenantId, null,
                () -> tenants.find(tenantId).map(Tenant::timezone).orElse(ZoneOffset.UTC));
    }

    private static String accountName(ConnectedAccount account) {
        return account.platform().accountName(account.username() == null ? account.platformUserId()
                : account.username());
    }

    /** The start of a caption, as a reminder of which post it was. */
    static String opening(String caption) {
        if (caption == null || caption.isBlank()) {
            return "(no caption)";
        }
        String line = caption.strip().lines().findFirst().orElse("");
        return line.codePointCount(0, line.length()) <= 80 ? line
                : line.substring(0, line.offsetByCodePoints(0, 79)) + "…";
    }
}
