package io.forkcast.web;

import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.UserSignIns;
import io.forkcast.webhooks.NewWebhookEndpoint;
import io.forkcast.webhooks.WebhookEndpoint;
import io.forkcast.webhooks.WebhookEndpointChanges;
import io.forkcast.webhooks.WebhookEvent;
import io.forkcast.webhooks.WebhookMessage;
import io.forkcast.webhooks.WebhookSecret;
import io.forkcast.webhooks.Webhooks;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Webhooks (admins and owners): tell another system (a till, a chat channel) when posts go out or fail; the
 * secret is shown once; each address's recent messages with what it answered, sent again in one click.
 */
@Controller
@RequestMapping("/app/settings/webhooks")
class WebhooksPage {

    /** Each event in the owner's words, in the order the form lists them. */
    static final Map<WebhookEvent, String> EVENT_WORDS = Map.of(
            WebhookEvent.DELIVERY_PUBLISHED, "A post went out on one account",
            WebhookEvent.DELIVERY_FAILED, "A post did not go out on one account",
            WebhookEvent.POST_PUBLISHED, "A post went out everywhere it was meant to",
            WebhookEvent.POST_FAILED, "A post did not go out anywhere",
            WebhookEvent.ACCOUNT_NEEDS_RECONNECT, "An account needs reconnecting",
            WebhookEvent.APPROVAL_REQUESTED, "A post waits for approval",
            WebhookEvent.APPROVAL_APPROVED, "A post was approved",
            WebhookEvent.APPROVAL_CHANGES_REQUESTED, "A post was sent back for changes",
            WebhookEvent.APPROVAL_REJECTED, "A post was rejected",
            WebhookEvent.WEBHOOK_TEST, "Test message");

    record Choice(String value, String words) {
    }

    record Row(WebhookEndpoint endpoint, String events) {
    }

    private final Webhooks webhooks;

    WebhooksPage(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    String list(@ModelAttribute("me") UserSignIns.SignedInUser me, Model model) {
        model.addAttribute("endpoints", webhooks.list(me.tenantId(), new PageRequest(200, null)).items().stream()
                .map(endpoint -> new Row(endpoint, words(endpoint.events()))).toList());
        model.addAttribute("choices", Arrays.stream(WebhookEvent.values()).filter(WebhookEvent::subscribable)
                .map(event -> new Choice(event.wireName(), EVENT_WORDS.get(event))).toList());
        return "app/webhooks";
    }

    @PostMapping
    String create(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestParam(defaultValue = "") String url,
            @RequestParam(defaultValue = "") String description, @RequestParam(required = false) List<String> events,
            RedirectAttributes flash) {
        WebhookSecret made = webhooks.create(me.tenantId(), new NewWebhookEndpoint(url.strip(), description,
                events == null ? List.of() : events));
        flash.addFlashAttribute("secret", made.secret());
        flash.addFlashAttribute("secretUrl", made.endpoint().url());
        return "redirect:/app/settings/webhooks";
    }

    @GetMapping("/{endpointId}")
    String messages(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID endpointId, Model model) {
        WebhookEndpoint endpoint = webhooks.get(me.tenantId(), endpointId);
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("events", words(endpoint.events()));
        List<WebhookMessage> messages = webhooks.messages(me.tenantId(), endpointId, new PageRequest(50, null))
                .items();
        model.addAttribute("messages", messages);
        model.addAttribute("eventWords", EVENT_WORDS);
        return "app/webhook";
    }

    @PostMapping("/{endpointId}/test")
    String test(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID endpointId,
            RedirectAttributes flash) {
        webhooks.sendTest(me.tenantId(), endpointId);
        flash.addFlashAttribute("success", "Test message on its way: it shows below within seconds.");
        return "redirect:/app/settings/webhooks/" + endpointId;
    }

    @PostMapping("/{endpointId}/enabled")
    String enable(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID endpointId,
            @RequestParam boolean enabled, RedirectAttributes flash) {
        webhooks.change(me.tenantId(), endpointId, new WebhookEndpointChanges(null, null, null, enabled));
        flash.addFlashAttribute(enabled ? "success" : "warning", enabled
                ? "Turned on: new messages go out again. Send missed ones again from the list below."
                : "Turned off: nothing is sent to it until you turn it on again.");
        return "redirect:/app/settings/webhooks/" + endpointId;
    }

    @PostMapping("/{endpointId}/messages/{messageId}/redeliver")
    String redeliver(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID endpointId,
            @PathVariable UUID messageId, RedirectAttributes flash) {
        webhooks.redeliver(me.tenantId(), endpointId, messageId);
        flash.addFlashAttribute("success", "Sending it again now.");
        return "redirect:/app/settings/webhooks/" + endpointId;
    }

    @PostMapping("/{endpointId}/delete")
    String delete(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID endpointId,
            RedirectAttributes flash) {
        webhooks.delete(me.tenantId(), endpointId);
        flash.addFlashAttribute("warning", "Webhook deleted, with its messages.");
        return "redirect:/app/settings/webhooks";
    }

    private static String words(List<WebhookEvent> events) {
        return events.stream().map(EVENT_WORDS::get).collect(Collectors.joining("; "));
    }
}
