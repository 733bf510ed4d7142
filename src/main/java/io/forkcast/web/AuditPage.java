package io.forkcast.web;

import io.forkcast.audit.AuditEvent;
import io.forkcast.audit.AuditQuery;
import io.forkcast.audit.AuditTrail;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Activity (admins and owners): who changed what and when, from where, newest first; filtered by who, by what and
 * by days. Read only: nothing on the page changes a record.
 */
@Controller
@RequestMapping("/app/settings/activity")
class AuditPage {

    /** Each action in the owner's words, in the order the filter lists them. */
    static final Map<String, String> ACTION_WORDS = actionWords();

    record Choice(String value, String words) {
    }

    /** Who, in the owner's words. */
    static final List<Choice> WHO = List.of(new Choice("user", "People on the team"),
            new Choice("api_key", "API keys (other systems)"), new Choice("forkcast", "Forkcast itself"),
            new Choice("operator", "Forkcast's support"));

    private final AuditTrail trail;

    AuditPage(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping
    String list(@ModelAttribute("me") UserSignIns.SignedInUser me, @ModelAttribute("zone") ZoneId zone,
            @RequestParam(defaultValue = "") String who, @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") String cursor, Model model) {
        model.addAttribute("who", who);
        model.addAttribute("action", action);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("actions", ACTION_WORDS.entrySet().stream()
                .map(e -> new Choice(e.getKey(), e.getValue())).toList());
        model.addAttribute("actionWords", ACTION_WORDS);
        model.addAttribute("whoChoices", WHO);
        CursorPage<AuditEvent> page;
        try {
            // Days are the restaurant's: from the start of "from" to the end of "to", in its time zone.
            String start = day("from", from, zone, 0);
            String end = day("to", to, zone, 1);
            page = trail.list(me.tenantId(), AuditQuery.parse(who, action, null, start, end),
                    new PageRequest(50, cursor.isBlank() ? null : cursor));
        } catch (DomainException e) {
            model.addAttribute("error", e.getMessage());
            page = new CursorPage<>(List.of(), null);
        }
        model.addAttribute("events", page.items());
        model.addAttribute("next", page.nextCursor());
        return "app/activity";
    }

    private static String day(String field, String text, ZoneId zone, int plusDays) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip()).plusDays(plusDays).atStartOfDay(zone).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            throw DomainException.badRequest("Choose a day for \"" + field + "\", such as 2026-12-01.");
        }
    }

    private static Map<String, String> actionWords() {
        Map<String, String> words = new LinkedHashMap<>();
        words.put("post.created", "Created a post");
        words.put("post.edited", "Changed a post");
        words.put("post.cancelled", "Cancelled a post");
        words.put("post.retried", "Tried a post again");
        words.put("post.published", "A post went out");
        words.put("post.failed", "A post did not go out");
        words.put("approval.requested", "Asked for a post's approval");
        words.put("approval.approved", "Approved a post");
        words.put("approval.changes_requested", "Asked for changes to a post");
        words.put("approval.rejected", "Turned down a post");
        words.put("account.connected", "Connected an account");
        words.put("account.disconnected", "Disconnected an account");
        words.put("account.needs_reconnect", "An account needs reconnecting");
        words.put("user.added", "Added a user");
        words.put("user.changed", "Changed a user");
        words.put("user.removed", "Removed a user");
        words.put("api_key.created", "Created an API key");
        words.put("api_key.revoked", "Revoked an API key");
        words.put("settings.changed", "Changed the restaurant's settings");
        words.put("profile.changed", "Changed the restaurant's profile");
        words.put("opening_hours.changed", "Changed the opening hours");
        words.put("menu_item.added", "Added a dish to the menu");
        words.put("menu_item.changed", "Changed a dish on the menu");
        words.put("menu_item.removed", "Took a dish off the menu");
        words.put("menu_item.availability_changed", "Marked a dish sold out or back");
        words.put("asset.uploaded", "Added a photo or video");
        words.put("asset.edited", "Changed a photo or video");
        words.put("asset.deleted", "Deleted a photo or video");
        words.put("webhook_endpoint.created", "Added a webhook");
        words.put("webhook_endpoint.changed", "Changed a webhook");
        words.put("webhook_endpoint.secret_rotated", "Changed a webhook's signing secret");
        words.put("webhook_endpoint.deleted", "Removed a webhook");
        words.put("webhook_endpoint.disabled", "Turned off a webhook that kept failing");
        if (!List.copyOf(words.keySet()).equals(AuditTrail.ACTIONS)) {
            throw new IllegalStateException("Every action of the audit trail needs its words on the Activity page");
        }
        return Collections.unmodifiableMap(words);
    }
}
