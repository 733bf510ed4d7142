package io.forkcast.web;

import io.forkcast.captions.Intent;
import io.forkcast.captions.Weekday;
import io.forkcast.posts.NewPost;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.queue.NewRecurrence;
import io.forkcast.queue.Recurrence;
import io.forkcast.queue.RecurrenceKind;
import io.forkcast.queue.Recurrences;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Compose's "Add to queue" and "Repeat this post" (the fragment {@code app/compose-queue}): the compose form sent to
 * these addresses instead of compose's own. A refusal goes back to compose with the form as it was.
 */
@Controller
@RequestMapping("/app/compose")
class ComposeQueueControls {

    /** The modules' field names, as the compose form names the fields they come from. */
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("account_ids", "account_ids"),
            Map.entry("targets", "account_ids"), Map.entry("asset_ids", "asset_ids"), Map.entry("caption", "caption"),
            Map.entry("targets.caption", "caption"), Map.entry("intent", "intent"),
            Map.entry("targets.first_comment", "first_comment"), Map.entry("queue", "local_time"),
            Map.entry("subject", "repeat_subject"), Map.entry("menu_item_id", "repeat_subject"),
            Map.entry("days", "repeat_days"), Map.entry("time", "repeat_time"), Map.entry("count", "repeat_count"));

    private final Posts posts;
    private final Recurrences recurrences;
    private final FormInput form;

    ComposeQueueControls(Posts posts, Recurrences recurrences, FormInput form) {
        this.posts = posts;
        this.recurrences = recurrences;
        this.form = form;
    }

    @PostMapping("/queue")
    String addToQueue(@ModelAttribute("me") UserSignIns.SignedInUser me,
            @RequestParam(name = "account_ids", required = false) List<UUID> accountIds,
            @RequestParam(name = "asset_ids", required = false) List<UUID> assetIds,
            @RequestParam(defaultValue = "") String caption, @RequestParam(required = false) String intent,
            @RequestParam(name = "first_comment", defaultValue = "") String firstComment,
            @RequestParam(name = "tag_place", required = false) String tagPlace, RedirectAttributes flash) {
        try {
            List<UUID> accounts = accounts(accountIds);
            PostView queued = posts.create(me.tenantId(), new NewPost(caption, assetIds == null ? List.of() : assetIds,
                    null, null, false, accounts.stream().map(account -> new NewPost.Target(account, null, null, null,
                            FormInput.blankToNull(firstComment),
                            tagPlace != null ? NewPost.Location.RESTAURANT : NewPost.Location.NONE)).toList(),
                    FormInput.choice(Intent.class, intent, "intent"), null, true));
            flash.addFlashAttribute("notice", "Added to the queue.");
            return "redirect:/app/calendar/posts/" + queued.id().value();
        } catch (DomainException e) {
            throw RefusedForm.of("/app/compose", e, FIELDS);
        }
    }

    @PostMapping("/repeat")
    String repeat(@ModelAttribute("me") UserSignIns.SignedInUser me,
            @RequestParam(name = "account_ids", required = false) List<UUID> accountIds,
            @RequestParam(name = "asset_ids", required = false) List<UUID> assetIds,
            @RequestParam(required = false) String intent,
            @RequestParam(name = "repeat_subject", defaultValue = "") String subject,
            @RequestParam(name = "repeat_days", required = false) List<String> days,
            @RequestParam(name = "repeat_time", defaultValue = "") String time,
            @RequestParam(name = "repeat_count", defaultValue = "") String count, RedirectAttributes flash) {
        try {
            List<UUID> accounts = accounts(accountIds);
            if (assetIds == null || assetIds.isEmpty()) {
                throw new InvalidFieldException("asset_ids", "Tick at least one image: each time posts the next one.");
            }
            List<Weekday> weekdays = days == null ? List.of()
                    : days.stream().map(day -> FormInput.choice(Weekday.class, day, "days")).toList();
            LocalTime at;
            try {
                at = LocalTime.parse(time.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException("time", "Give a time such as 18:30.");
            }
            Integer times;
            try {
                times = count.isBlank() ? null : Integer.valueOf(count.strip());
            } catch (NumberFormatException e) {
                throw new InvalidFieldException("count", "Give a number of times, or leave it empty.");
            }
            Recurrence created = recurrences.create(me.tenantId(), form.valid(new NewRecurrence(RecurrenceKind.WEEKLY,
                    weekdays, null, at, null, null, times, accounts, assetIds, null, FormInput.blankToNull(subject),
                    null, FormInput.choice(Intent.class, intent, "intent"))));
            flash.addFlashAttribute("notice", "Repeating: " + created.created() + " posts are on the calendar so "
                    + "far, the next ones follow as their day comes near.");
            return "redirect:/app/calendar";
        } catch (DomainException e) {
            throw RefusedForm.of("/app/compose", e, FIELDS);
        }
    }

    private static List<UUID> accounts(List<UUID> accountIds) {
        if (accountIds == null || accountIds.isEmpty()) {
            throw new InvalidFieldException("account_ids", "Pick at least one account to post to.");
        }
        return accountIds;
    }
}
