package io.forkcast.web;

import io.forkcast.accounts.AccountStatus;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.accounts.GoogleConnect;
import io.forkcast.assets.Assets;
import io.forkcast.assets.BrandAsset;
import io.forkcast.captions.CaptionRequest;
import io.forkcast.captions.Intent;
import io.forkcast.captions.Captions;
import io.forkcast.captions.GeneratedCaption;
import io.forkcast.captions.ItemDetails;
import io.forkcast.captions.MenuItem;
import io.forkcast.captions.MenuItems;
import io.forkcast.shared.Platform;
import io.forkcast.captions.Tone;
import io.forkcast.captions.RestaurantPlace;
import io.forkcast.posts.NewPost;
import io.forkcast.posts.Places;
import io.forkcast.posts.PostStatus;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Compose: pick accounts and, for each, the format (feed post, Reel, Story: those its network offers), library photos
 * and videos (their order is the carousel's; a video with its poster and duration, and a Reel's cover), write a
 * caption or have variants written (each with its similarity to recent posts), watch the per-platform counters, fill
 * in a Google listing's post (what's new, offer or event, with a button), and publish now or at a date and time in
 * the restaurant's time zone. The preview shows each delivery as its network and format will.
 */
@Controller
@RequestMapping("/app/compose")
class ComposePage {

    private final Posts posts;
    private final Captions captions;
    private final MenuItems menuItems;
    private final Assets assets;
    private final AccountNames accountNames;
    private final LibraryPage library;
    private final FormInput form;
    private final NetworkPreviews previews;
    private final Places places;
    private final io.forkcast.approvals.Approvals approvals;
    private final GoogleConnect google;

    ComposePage(Posts posts, Captions captions, MenuItems menuItems, Assets assets, AccountNames accountNames,
            LibraryPage library, FormInput form, NetworkPreviews previews, Places places,
            io.forkcast.approvals.Approvals approvals, GoogleConnect google) {
        this.google = google;
        this.places = places;
        this.approvals = approvals;
        this.posts = posts;
        this.captions = captions;
        this.menuItems = menuItems;
        this.assets = assets;
        this.accountNames = accountNames;
        this.library = library;
        this.form = form;
        this.previews = previews;
    }

    @GetMapping
    String compose(@ModelAttribute("me") UserSignIns.SignedInUser me, @ModelAttribute("zone") ZoneId zone,
            Model model) {
        // After a refusal the form comes back as it was sent: accounts, images in their order, caption, time.
        FormErrors refused = ((FormErrors) model.getAttribute("formErrors")).of("/app/compose");
        fill(me, zone, model, ids(refused.value("account_ids", "")), ids(refused.value("asset_ids", "")),
                (String) refused.value("caption", ""), (String) refused.value("when", "later"),
                (String) refused.value("local_time", null));
        model.addAttribute("firstComment", refused.value("first_comment", ""));
        // A fresh form tags the place; a refused one keeps the owner's choice (an unticked box sends nothing).
        model.addAttribute("tagPlace", refused.value("caption", null) == null || refused.value("tag_place", null) != null);
        // An editor's post waits for an owner's approval when the restaurant asks for it: the button says so.
        model.addAttribute("needsApproval", !DashboardAdvice.canAdmin(me)
                && approvals.editorsNeedApproval(me.tenantId()));
        return "app/compose";
    }

    private static List<UUID> ids(Object typed) {
        return FormInput.list((String) typed).stream().map(id -> FormInput.uuid(id, "id")).toList();
    }

    @PostMapping
    String publish(@ModelAttribute("me") UserSignIns.SignedInUser me, @ModelAttribute("zone") ZoneId zone,
            @RequestParam(name = "account_ids", required = false) List<UUID> accountIds,
            @RequestParam(name = "asset_ids", required = false) List<UUID> assetIds,
            @RequestParam(defaultValue = "") String caption,
            @RequestParam(defaultValue = "later") String when,
            @RequestParam(name = "local_time", required = false) String localTime,
            @RequestParam(required = false) String intent,
            @RequestParam(name = "first_comment", defaultValue = "") String firstComment,
            @RequestParam(name = "tag_place", required = false) String tagPlace,
            @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        List<UUID> accounts = accountIds == null ? List.of() : accountIds;
        List<UUID> images = assetIds == null ? List.of() : assetIds;
        try {
            if (accounts.isEmpty()) {
                throw new InvalidFieldException("account_ids", "Pick at least one account to post to.");
            }
            boolean now = "now".equals(when);
            LocalDateTime local = now ? null : Zoned.local(localTime, "local_time");
            Map<UUID, ConnectedAccount> byId = accountsById(me);
            List<NewPost.Target> targets = new java.util.ArrayList<>();
            for (UUID account : accounts) {
                // An account that is not the tenant's is refused by the posts module, naming it.
                Platform platform = byId.containsKey(account) ? byId.get(account).platform() : null;
                Platform.Format format = format(form, account, true);
                targets.add(new NewPost.Target(account, null, format,
                        platform == Platform.GOOGLE_BUSINESS ? GoogleFields.read(form::getFirst, true) : null,
                        FormInput.blankToNull(firstComment),
                        tagPlace != null ? NewPost.Location.RESTAURANT : NewPost.Location.NONE,
                        shareToFeed(form, account, platform, format)));
            }
            PostView created = posts.create(me.tenantId(), new NewPost(caption, images, null, local, now,
                    targets, FormInput.choice(Intent.class, intent, "intent"), null));
            flash.addFlashAttribute("notice", created.status() == PostStatus.PENDING_APPROVAL
                    ? "Sent for approval: it goes out once an owner or admin approves it."
                    : now ? "Publishing now." : "Scheduled.");
            return "redirect:/app/calendar/posts/" + created.id().value();
        } catch (DomainException e) {
            throw RefusedForm.of("/app/compose", e, COMPOSE_FIELDS);
        }
    }

    /** The posts module's field names, as the compose form names the fields they come from. */
    private static final Map<String, String> COMPOSE_FIELDS = composeFields();

    private static Map<String, String> composeFields() {
        Map<String, String> fields = new java.util.HashMap<>(Map.of("account_ids", "account_ids",
                "targets", "account_ids", "asset_ids", "asset_ids", "caption", "caption", "targets.caption", "caption",
                "scheduled_for", "local_time", "local_time", "local_time", "intent", "intent", "targets.first_comment",
                "first_comment", "targets.format", FORMATS));
        fields.put("targets.share_to_feed", FORMATS);
        fields.putAll(GoogleFields.FORM_FIELDS);
        return Map.copyOf(fields);
    }

    /** The form's field for the formats of the ticked accounts (one select per account, {@code format_<id>}). */
    static final String FORMATS = "formats";

    /**
     * The format chosen for an account ({@code format_<account id>}); the feed when none was chosen. An unknown
     * one is refused ({@code strict}) or taken as the feed (the preview).
     */
    private static Platform.Format format(MultiValueMap<String, String> form, UUID account, boolean strict) {
        String chosen = form.getFirst("format_" + account);
        if (chosen == null || chosen.isBlank()) {
            return Platform.Format.FEED;
        }
        return Platform.Format.fromWire(chosen.strip()).orElseGet(() -> {
            if (strict) {
                throw new InvalidFieldException(FORMATS, "Choose a feed post, a Reel or a Story.");
            }
            return Platform.Format.FEED;
        });
    }

    /**
     * The "also show in the feed grid" box of an account whose chosen format offers it (an Instagram Reel): an
     * unticked box sends nothing, so absence is a no; null for every other format, which has no such choice.
     */
    private static Boolean shareToFeed(MultiValueMap<String, String> form, UUID account, Platform platform,
            Platform.Format format) {
        boolean offered = platform != null && platform.rules(format).map(Platform.MediaRules::feedSharing)
                .orElse(false);
        return offered ? form.containsKey("share_to_feed_" + account) : null;
    }

    private Map<UUID, ConnectedAccount> accountsById(UserSignIns.SignedInUser me) {
        Map<UUID, ConnectedAccount> byId = new LinkedHashMap<>();
        accountNames.all(me.tenantId()).forEach(account -> byId.put(account.id().value(), account));
        return byId;
    }

    /**
     * The preview of each ticked account (a fragment), as compose's form stands: asked again as the owner types,
     * ticks or reorders images. An account or image of another tenant is not found.
     */
    @PostMapping("/preview")
    String preview(@ModelAttribute("me") UserSignIns.SignedInUser me, @ModelAttribute("zone") ZoneId zone,
            @RequestParam(name = "account_ids", required = false) List<UUID> accountIds,
            @RequestParam(name = "asset_ids", required = false) List<UUID> assetIds,
            @RequestParam(defaultValue = "") String caption, @RequestParam(defaultValue = "later") String when,
            @RequestParam(name = "local_time", required = false) String localTime,
            @RequestParam(name = "first_comment", defaultValue = "") String firstComment,
            @RequestParam(name = "tag_place", required = false) String tagPlace,
            @RequestParam MultiValueMap<String, String> form, Model model) {
        String place = tagPlace == null ? null : places.get(me.tenantId()).map(RestaurantPlace::name).orElse(null);
        Map<UUID, ConnectedAccount> byId = accountsById(me);
        List<NetworkPreviews.Target> targets = (accountIds == null ? List.<UUID>of() : accountIds).stream()
                .map(id -> {
                    ConnectedAccount account = byId.get(id);
                    if (account == null) {
                        throw DomainException.notFound("Account");
                    }
                    boolean google = account.platform() == Platform.GOOGLE_BUSINESS;
                    // A format the network does not offer is previewed as its feed (saving it is refused).
                    Platform.Format format = format(form, id, false);
                    if (account.platform().rules(format).isEmpty()) {
                        format = Platform.Format.FEED;
                    }
                    // Google's listing takes no place tag and no first comment.
                    return new NetworkPreviews.Target(id, account.platform(), account, caption,
                            google ? null : place, google ? null : firstComment, format,
                            google ? GoogleFields.read(form::getFirst, false) : null);
                }).toList();
        model.addAttribute("previews", previews.of(me.tenantId(), targets, assetIds == null ? List.of() : assetIds));
        model.addAttribute("when", "now".equals(when) ? "Just now" : readable(localTime, zone));
        return "app/preview :: previews";
    }

    /** A typed date and time, as the pages write times; null while it is not a full one yet. */
    private static String readable(String localTime, ZoneId zone) {
        try {
            return Zoned.readable(Zoned.local(localTime, "local_time").atZone(zone).toInstant(), zone);
        } catch (DomainException e) {
            return null;
        }
    }

    /** Caption variants for the htmx panel (a fragment): each with how close it came to recent posts. */
    @PostMapping("/captions")
    String generate(@ModelAttribute("me") UserSignIns.SignedInUser me,
            @RequestParam(name = "menu_item_id", required = false) String menuItemId,
            @RequestParam(name = "item_name", defaultValue = "") String itemName,
            @RequestParam(defaultValue = "instagram") String platform,
            @RequestParam(required = false) String tone,
            @RequestParam(required = false) String occasion,
            @RequestParam(defaultValue = "3") int variants, Model model) {
        UUID item = FormInput.uuid(menuItemId, "menu_item_id");
        if (item == null && itemName.isBlank()) {
            throw new InvalidFieldException("item_name", "is needed: pick a menu item or name the dish");
        }
        CaptionRequest request = new CaptionRequest(item,
                item == null ? new ItemDetails(itemName.strip(), null, null, null, null, null) : null,
                FormInput.choice(Platform.class, platform, "platform"), FormInput.choice(Tone.class, tone, "tone"),
                FormInput.blankToNull(occasion), null, variants, null);
        List<GeneratedCaption> written = captions.generate(me.tenantId(), form.valid(request));
        model.addAttribute("variants", written);
        return "app/compose :: variants";
    }

    private void fill(UserSignIns.SignedInUser me, ZoneId zone, Model model, List<UUID> accountIds, List<UUID> assetIds,
            String caption, String when, String localTime) {
        // Locations connected while Google was on are no target while this Forkcast has it switched off.
        List<ConnectedAccount> active = accountNames.all(me.tenantId()).stream()
                .filter(a -> a.status() == AccountStatus.ACTIVE)
                .filter(a -> a.platform() != Platform.GOOGLE_BUSINESS || google.enabled()).toList();
        model.addAttribute("accounts", active);
        model.addAttribute("names", accountNames.of(me.tenantId()));
        List<BrandAsset> recent = assets.list(me.tenantId(),
                new Assets.Query(null, false, null, null, null, null, null, null), 60, null).items();
        model.addAttribute("cards", library.cards(recent));
        List<MenuItem> items = menuItems.list(me.tenantId(), new PageRequest(200, null)).items();
        model.addAttribute("menuItems", items);
        model.addAttribute("tones", Tone.values());
        model.addAttribute("intents", Intent.values());
        // The counters under the caption ask the same Platform as the server does: limits and patterns.
        model.addAttribute("networks", Platform.values());
        model.addAttribute("captionMax", java.util.Arrays.stream(Platform.values()).mapToInt(Platform::maxCharacters)
                .max().orElseThrow());
        model.addAttribute("hashtagPattern", Platform.HASHTAG_REGEX);
        model.addAttribute("mentionPattern", Platform.MENTION_REGEX);
        model.addAttribute("pickedAccounts", accountIds);
        model.addAttribute("pickedAssets", assetIds);
        model.addAttribute("caption", caption);
        model.addAttribute("when", when);
        model.addAttribute("localTime", localTime);
        model.addAttribute("zoneLabel", Zoned.label(zone));
        model.addAttribute("place", places.get(me.tenantId()).orElse(null));
        model.addAttribute("formatLabels", FORMAT_LABELS);
        model.addAttribute("feedSharing", Arrays.stream(Platform.values()).filter(platform -> platform
                .rules(Platform.Format.REEL).map(Platform.MediaRules::feedSharing).orElse(false)).toList());
        model.addAttribute("googleTypes", GoogleFields.typeLabels());
        model.addAttribute("googleActions", GoogleFields.actionLabels());
        model.addAttribute("hasGoogle", active.stream().anyMatch(a -> a.platform() == Platform.GOOGLE_BUSINESS));
        model.addAttribute("videos", recent.stream().filter(BrandAsset::video).toList());
        model.addAttribute("photos", recent.stream().filter(asset -> !asset.video()).toList());
        model.addAttribute("termsMax", io.forkcast.shared.GooglePost.TERMS_MAX);
    }

    /** The formats as an owner names them. */
    static final Map<Platform.Format, String> FORMAT_LABELS = Map.of(Platform.Format.FEED, "Feed post",
            Platform.Format.REEL, "Reel", Platform.Format.STORY, "Story");

}
