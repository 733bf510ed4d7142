package io.forkcast.web;

import io.forkcast.approvals.ActorKind;
import io.forkcast.approvals.ApprovalAction;
import io.forkcast.approvals.ApprovalRecord;
import io.forkcast.approvals.Approvals;
import io.forkcast.approvals.PostComment;
import io.forkcast.approvals.PostComments;
import io.forkcast.approvals.ShareLink;
import io.forkcast.approvals.ShareLinks;
import io.forkcast.posts.ApprovalStage;
import io.forkcast.posts.PostId;
import io.forkcast.posts.PostQuery;
import io.forkcast.posts.PostStatus;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Approvals on the dashboard: the queue of posts waiting for an owner or admin, and on a post's page the decision
 * buttons, the team's comment thread and the share-for-approval links. The approvals module decides who may do
 * what; the page only leaves out the buttons that would be refused.
 */
@Controller
class ApprovalForms {

    /** A post of the queue: the post, the start of its caption, when it is due, and who asked. */
    record Waiting(PostView post, String captionStart, String when, String askedBy) {
    }

    private static final Map<String, String> FIELDS = Map.of("scheduled_for", "approve_time",
            "local_time", "approve_time", "comment", "decision_comment", "body", "comment_body");

    private final Approvals approvals;
    private final PostComments comments;
    private final ShareLinks shareLinks;
    private final Posts posts;
    private final Clock clock;

    ApprovalForms(Approvals approvals, PostComments comments, ShareLinks shareLinks, Posts posts, Clock clock) {
        this.approvals = approvals;
        this.comments = comments;
        this.shareLinks = shareLinks;
        this.posts = posts;
        this.clock = clock;
    }

    /** What the post page shows of the approval, the comments and the share links. */
    void fill(UserSignIns.SignedInUser me, PostView post, ZoneId zone, Model model) {
        Approvals.PostApproval approval = approvals.of(me.tenantId(), post.id());
        model.addAttribute("approval", approval);
        model.addAttribute("approvalWhen", approval.history().stream().map(r -> Zoned.readable(r.at(), zone))
                .toList());
        model.addAttribute("canApprove", DashboardAdvice.canAdmin(me)
                && approval.stage() == ApprovalStage.PENDING_APPROVAL);
        model.addAttribute("canSubmit", DashboardAdvice.canEdit(me) && approval.stage() == ApprovalStage.DRAFT);
        model.addAttribute("timePassed", !post.scheduledFor().isAfter(clock.instant()));
        List<PostComment> thread = comments.list(me.tenantId(), post.id(), new PageRequest(200, null)).items();
        model.addAttribute("comments", thread);
        model.addAttribute("commentWhen", thread.stream().map(c -> Zoned.readable(c.createdAt(), zone)).toList());
        model.addAttribute("myUserId", me.userId());
        if (DashboardAdvice.canEdit(me)) {
            List<ShareLink> links = shareLinks.list(me.tenantId(), post.id());
            model.addAttribute("shareLinks", links);
            model.addAttribute("shareLinkWhen", links.stream().map(l -> Zoned.readable(l.expiresAt(), zone))
                    .toList());
            model.addAttribute("now", clock.instant());
        }
    }

    /** The owners' and admins' queue: every post waiting for approval, the soonest due first. */
    @GetMapping("/app/approvals")
    String queue(@ModelAttribute("me") UserSignIns.SignedInUser me, @ModelAttribute("zone") ZoneId zone,
            Model model) {
        List<PostView> waiting = posts.list(me.tenantId(), new PostQuery(PostStatus.PENDING_APPROVAL, null, null,
                null), new PageRequest(200, null)).items().stream()
                .sorted(Comparator.comparing(PostView::scheduledFor)).toList();
        model.addAttribute("waiting", waiting.stream().map(post -> new Waiting(post,
                CalendarPage.captionStart(post.caption()), Zoned.readable(post.scheduledFor(), zone),
                askedBy(me, post))).toList());
        model.addAttribute("editorsNeedApproval", approvals.editorsNeedApproval(me.tenantId()));
        return "app/approvals";
    }

    /** Turns the approval of editors' posts on or off (owners and admins). */
    @PostMapping("/app/settings/approvals")
    String setting(@ModelAttribute("me") UserSignIns.SignedInUser me,
            @RequestParam(name = "editors_need_approval", defaultValue = "false") boolean needed,
            RedirectAttributes flash) {
        approvals.editorsNeedApproval(me.tenantId(), needed);
        flash.addFlashAttribute("notice", needed ? "From now on, posts by editors wait for an owner's or admin's "
                + "approval." : "Posts by editors are scheduled at once, without approval.");
        return "redirect:/app/approvals";
    }

    @PostMapping("/app/calendar/posts/{postId}/approval/approve")
    String approve(@ModelAttribute("me") UserSignIns.SignedInUser me, @ModelAttribute("zone") ZoneId zone,
            @PathVariable UUID postId, @RequestParam(name = "approve_time", defaultValue = "") String time,
            @RequestParam(name = "publish_now", defaultValue = "false") boolean now,
            RedirectAttributes flash) {
        try {
            LocalDateTime local = time.isBlank() ? null : Zoned.local(time, "approve_time");
            PostView post = approvals.approve(me.tenantId(), new PostId(postId),
                    local == null ? null : local.atZone(zone).toInstant(), now, null);
            flash.addFlashAttribute("notice", "Approved. It goes out " + Zoned.readable(post.scheduledFor(), zone)
                    + ".");
        } catch (DomainException e) {
            throw RefusedForm.of(page(postId), e, FIELDS);
        }
        return "redirect:" + page(postId);
    }

    @PostMapping("/app/calendar/posts/{postId}/approval/request-changes")
    String requestChanges(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            @RequestParam(name = "decision_comment", defaultValue = "") String comment, RedirectAttributes flash) {
        try {
            if (comment.isBlank()) {
                throw new InvalidFieldException("comment", "Say what should change.");
            }
            approvals.requestChanges(me.tenantId(), new PostId(postId), comment);
        } catch (DomainException e) {
            throw RefusedForm.of(page(postId), e, FIELDS);
        }
        flash.addFlashAttribute("notice", "Sent back to its author as a draft, with your note.");
        return "redirect:" + page(postId);
    }

    @PostMapping("/app/calendar/posts/{postId}/approval/reject")
    String reject(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            @RequestParam(name = "decision_comment", defaultValue = "") String comment, RedirectAttributes flash) {
        try {
            approvals.reject(me.tenantId(), new PostId(postId), comment);
        } catch (DomainException e) {
            throw RefusedForm.of(page(postId), e, FIELDS);
        }
        flash.addFlashAttribute("notice", "Rejected: it will not be published.");
        return "redirect:" + page(postId);
    }

    @PostMapping("/app/calendar/posts/{postId}/approval/submit")
    String submit(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            RedirectAttributes flash) {
        approvals.submit(me.tenantId(), new PostId(postId));
        flash.addFlashAttribute("notice", "Submitted for approval again.");
        return "redirect:" + page(postId);
    }

    @PostMapping("/app/calendar/posts/{postId}/comments")
    String comment(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            @RequestParam(name = "comment_body", defaultValue = "") String body) {
        try {
            if (body.isBlank()) {
                throw new InvalidFieldException("body", "Write something first.");
            }
            if (body.length() > PostComments.MAX_LENGTH) {
                throw new InvalidFieldException("body", "At most " + PostComments.MAX_LENGTH + " characters.");
            }
            comments.add(me.tenantId(), new PostId(postId), body);
        } catch (DomainException e) {
            throw RefusedForm.of(page(postId), e, FIELDS);
        }
        return "redirect:" + page(postId) + "#comments-h";
    }

    @PostMapping("/app/calendar/posts/{postId}/comments/{commentId}/delete")
    String deleteComment(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            @PathVariable UUID commentId, RedirectAttributes flash) {
        comments.delete(me.tenantId(), new PostId(postId), commentId);
        flash.addFlashAttribute("notice", "Comment deleted.");
        return "redirect:" + page(postId) + "#comments-h";
    }

    @PostMapping("/app/calendar/posts/{postId}/share-links")
    String share(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            @RequestParam(name = "label", defaultValue = "") String label, RedirectAttributes flash) {
        try {
            if (label.length() > 100) {
                throw new InvalidFieldException("label", "At most 100 characters.");
            }
            ShareLinks.NewLink link = shareLinks.create(me.tenantId(), new PostId(postId), label);
            flash.addFlashAttribute("sharedUrl", link.url().toString());
        } catch (DomainException e) {
            throw RefusedForm.of(page(postId), e, FIELDS);
        }
        return "redirect:" + page(postId) + "#share-h";
    }

    @PostMapping("/app/calendar/posts/{postId}/share-links/{linkId}/revoke")
    String revoke(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID postId,
            @PathVariable UUID linkId, RedirectAttributes flash) {
        shareLinks.revoke(me.tenantId(), new PostId(postId), linkId);
        flash.addFlashAttribute("notice", "Link revoked: it opens no more.");
        return "redirect:" + page(postId) + "#share-h";
    }

    /** The posts waiting for an approver, for the home page. */
    List<PostView> waiting(UserSignIns.SignedInUser me) {
        return posts.list(me.tenantId(), new PostQuery(PostStatus.PENDING_APPROVAL, null, null, null),
                new PageRequest(200, null)).items();
    }

    /**
     * The drafts sent back for changes to {@code me}, for the home page: those {@code me} asked approval for, and
     * those an API key asked for (no person to tell), for everyone who writes.
     */
    List<PostView> sentBackTo(UserSignIns.SignedInUser me) {
        return posts.list(me.tenantId(), new PostQuery(PostStatus.DRAFT, null, null, null),
                new PageRequest(50, null)).items().stream().filter(post -> {
                    ApprovalRecord asked = approvals.of(me.tenantId(), post.id()).history().stream()
                            .filter(record -> record.action() == ApprovalAction.REQUESTED)
                            .reduce((first, second) -> second).orElse(null);
                    return asked == null || asked.by().kind() != ActorKind.USER
                            || me.userId().equals(asked.by().id());
                }).toList();
    }

    private String askedBy(UserSignIns.SignedInUser me, PostView post) {
        return approvals.of(me.tenantId(), post.id()).history().stream()
                .filter(record -> record.action() == ApprovalAction.REQUESTED)
                .reduce((first, second) -> second).map(record -> record.by().name()).orElse("");
    }

    private static String page(UUID postId) {
        return "/app/calendar/posts/" + postId;
    }
}
