package io.forkcast.web;

import io.forkcast.accounts.AccountStatus;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.autopilot.Autopilot;
import io.forkcast.autopilot.DraftKind;
import io.forkcast.autopilot.DraftStatus;
import io.forkcast.autopilot.DraftView;
import io.forkcast.posts.PostQuery;
import io.forkcast.posts.PostStatus;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The home page's one list of what waits for the signed-in person, most urgent first: accounts to connect again
 * (they hold back everything), then by the time each thing was planned for, the soonest first (a post that did
 * not go out, one held back, one the queue could not give a posting slot, one waiting for approval, one sent back for changes, an autopilot draft). Each row
 * says what is needed in the owner's words and links to where it is done. Who sees what follows who can act:
 * approvals for owners and admins, a post sent back for the one who asked, drafts and held posts for those who
 * write.
 */
@Component
class WaitingForYou {

    /** What a row is about; the page and its tests tell rows apart by it. */
    enum Kind {
        RECONNECT, FAILED, HELD_FOR_DISH, HELD, OFF_THE_QUEUE, APPROVAL, SENT_BACK, AUTOPILOT_DRAFT;

        public String wireName() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /**
     * One thing waiting: {@code what} is needed, about {@code subject} (a caption's opening, an account's name),
     * planned for {@code due} (null: no time, as urgent as it gets), done at {@code link} by {@code action};
     * {@code postId} is set for a post held for its dish, which is resumed or dropped right on the list.
     */
    record Row(Kind kind, Instant due, String when, String what, String subject, String link, String action,
            java.util.UUID postId) {
    }

    private static final int MOST = 30;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private final AccountNames accounts;
    private final Posts posts;
    private final Autopilot autopilot;
    private final ApprovalForms approvals;

    WaitingForYou(AccountNames accounts, Posts posts, Autopilot autopilot, ApprovalForms approvals) {
        this.accounts = accounts;
        this.posts = posts;
        this.autopilot = autopilot;
        this.approvals = approvals;
    }

    List<Row> of(UserSignIns.SignedInUser me, List<ConnectedAccount> connected, ZoneId zone) {
        TenantId tenant = me.tenantId();
        List<Row> rows = new ArrayList<>();
        for (ConnectedAccount account : connected) {
            if (account.status() == AccountStatus.NEEDS_RECONNECT) {
                rows.add(new Row(Kind.RECONNECT, null, null, "Connect this account again: until then it cannot "
                        + "publish.", AccountsPage.name(account), "/app/accounts", "Go to Accounts", null));
            }
        }
        for (PostView post : list(tenant, PostStatus.FAILED, 20)) {
            rows.add(post(Kind.FAILED, post, zone, "Did not go out. See why, then try again or change it.",
                    "See why"));
        }
        if (DashboardAdvice.canEdit(me)) {
            for (PostView post : list(tenant, PostStatus.HELD, 50)) {
                if (HomePage.heldForMenuItem(post)) {
                    rows.add(new Row(Kind.HELD_FOR_DISH, post.scheduledFor(), when(post.scheduledFor(), zone),
                            HomePage.heldReason(post), opening(post.caption()), page(post), "Open the post",
                            post.id().value()));
                } else {
                    rows.add(post(Kind.HELD, post, zone, "Held back: " + heldReason(post), "Open the post"));
                }
            }
            for (PostView post : posts.keptOffTheQueue(tenant, 20)) {
                rows.add(post(Kind.OFF_THE_QUEUE, post, zone, post.queueNote(), "Open the post"));
            }
        }
        if (DashboardAdvice.canAdmin(me)) {
            for (PostView post : approvals.waiting(me)) {
                rows.add(post(Kind.APPROVAL, post, zone, "Waits for your approval.", "Review it"));
            }
        }
        if (DashboardAdvice.canEdit(me)) {
            for (PostView post : approvals.sentBackTo(me)) {
                rows.add(post(Kind.SENT_BACK, post, zone, "Sent back to you for changes. Change it, then submit "
                        + "it again.", "See what to change"));
            }
            for (DraftView draft : autopilot.drafts(tenant, DraftStatus.PENDING)) {
                Instant due = draft.forDate().atStartOfDay(zone).toInstant();
                String forWhat = draft.kind() == DraftKind.SPECIAL ? "the special of the day" : draft.occasion();
                rows.add(new Row(Kind.AUTOPILOT_DRAFT, due, draft.forDate().format(DAY),
                        "Autopilot wrote a post for " + forWhat + ". Approve it or dismiss it.",
                        opening(draft.caption()), "/app/autopilot#drafts", "Review the draft", null));
            }
        }
        rows.sort(Comparator.comparing(Row::due, Comparator.nullsFirst(Comparator.naturalOrder())));
        return rows.size() > MOST ? List.copyOf(rows.subList(0, MOST)) : rows;
    }

    private List<PostView> list(TenantId tenant, PostStatus status, int most) {
        return posts.list(tenant, new PostQuery(status, null, null, null), new PageRequest(most, null)).items();
    }

    private static Row post(Kind kind, PostView post, ZoneId zone, String what, String action) {
        return new Row(kind, post.scheduledFor(), when(post.scheduledFor(), zone), what, opening(post.caption()),
                page(post), action, null);
    }

    /** The reason a held post's first held delivery gives (an account disconnected, a time long past). */
    private static String heldReason(PostView post) {
        return post.deliveries().stream().filter(d -> d.failure() != null).map(d -> d.failure().message())
                .findFirst().orElse("it waits for you to publish or cancel it.");
    }

    private static String when(Instant at, ZoneId zone) {
        return at == null ? null : Zoned.readable(at, zone);
    }

    private static String page(PostView post) {
        return "/app/calendar/posts/" + post.id().value();
    }

    private static String opening(String caption) {
        if (caption == null || caption.isBlank()) {
            return null;
        }
        NetworkPreviews.Caption start = NetworkPreviews.cut(caption, 60, true);
        return start.cut() ? start.visible() + "…" : start.visible();
    }
}
