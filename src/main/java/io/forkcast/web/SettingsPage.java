package io.forkcast.web;

import io.forkcast.captions.Captions;
import io.forkcast.captions.EmojiLevel;
import io.forkcast.captions.Availability;
import io.forkcast.captions.MenuItem;
import io.forkcast.captions.MenuItemAvailability;
import io.forkcast.captions.MenuItemChanges;
import io.forkcast.captions.MenuItems;
import io.forkcast.captions.NewMenuItem;
import io.forkcast.listing.GoogleMenuSync;
import io.forkcast.captions.RestaurantProfile;
import io.forkcast.captions.RestaurantHours;
import io.forkcast.captions.RestaurantProfiles;
import io.forkcast.captions.Weekday;
import io.forkcast.captions.Tone;
import io.forkcast.posts.Posts;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantChanges;
import io.forkcast.tenancy.Tenants;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

/**
 * Settings: the restaurant profile captions are written from, its menu items, the time zone, and the plan with
 * today's usage. Everyone sees them; admins and owners change them.
 */
@Controller
@RequestMapping("/app/settings")
class SettingsPage {

    private final RestaurantProfiles profiles;
    private final RestaurantHours hours;
    private final MenuItems menuItems;
    private final Tenants tenants;
    private final Captions captions;
    private final Posts posts;
    private final FormInput form;
    private final Clock clock;
    private final io.forkcast.posts.Places places;

    private final GoogleMenuSync googleMenu;

    SettingsPage(RestaurantProfiles profiles, RestaurantHours hours, MenuItems menuItems, Tenants tenants,
            Captions captions, Posts posts, FormInput form, Clock clock, io.forkcast.posts.Places places,
            GoogleMenuSync googleMenu) {
        this.googleMenu = googleMenu;
        this.places = places;
        this.profiles = profiles;
        this.hours = hours;
        this.menuItems = menuItems;
        this.tenants = tenants;
        this.captions = captions;
        this.posts = posts;
        this.form = form;
        this.clock = clock;
    }

    @GetMapping
    String settings(@ModelAttribute("me") UserSignIns.SignedInUser me, @ModelAttribute("zone") ZoneId zone,
            Model model) {
        model.addAttribute("profile", profiles.get(me.tenantId()));
        var openingHours = hours.get(me.tenantId());
        Map<String, String> weekText = new LinkedHashMap<>();
        for (Weekday day : Weekday.values()) {
            weekText.put(day.wireName(), OpeningHoursForm.text(openingHours, day));
        }
        model.addAttribute("weekdays", Weekday.values());
        model.addAttribute("hoursText", weekText);
        model.addAttribute("exceptionsText", OpeningHoursForm.exceptions(openingHours));
        model.addAttribute("hoursKnown", openingHours.known());
        model.addAttribute("weekView", OpeningHoursForm.week(openingHours, LocalDate.now(clock.withZone(zone))));
        model.addAttribute("place", places.get(me.tenantId()).orElse(null));
        model.addAttribute("menuItems", menuItems.list(me.tenantId(), new PageRequest(200, null)).items());
        model.addAttribute("googleMenus", googleMenu.states(me.tenantId()));
        model.addAttribute("tones", Tone.values());
        model.addAttribute("emojiLevels", EmojiLevel.values());
        model.addAttribute("commonZones", TimeZones.common(clock.instant()));
        model.addAttribute("allZones", TimeZones.all(zone, clock.instant()));
        model.addAttribute("zoneLabel", TimeZones.label(zone, clock.instant()));
        model.addAttribute("plan", me.plan());
        model.addAttribute("postsToday", posts.postsToday(me.tenantId()));
        model.addAttribute("captionsToday", captions.usageToday(me.tenantId()));
        return "app/settings";
    }

    @PostMapping("/profile")
    String profile(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String cuisine, @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String city, @RequestParam(required = false) String voice,
            @RequestParam(name = "signature_hashtags", defaultValue = "") String hashtags,
            @RequestParam(name = "banned_words", defaultValue = "") String bannedWords,
            @RequestParam(name = "default_language", defaultValue = "") String language,
            @RequestParam(name = "emoji_level", required = false) String emojiLevel, RedirectAttributes flash) {
        RestaurantProfile profile = new RestaurantProfile(FormInput.blankToNull(name), FormInput.blankToNull(cuisine),
                FormInput.blankToNull(description), FormInput.blankToNull(city),
                FormInput.choice(Tone.class, voice, "voice"), FormInput.list(hashtags), FormInput.list(bannedWords),
                FormInput.blankToNull(language), FormInput.choice(EmojiLevel.class, emojiLevel, "emoji_level"), null);
        profiles.replace(me.tenantId(), form.valid(profile));
        flash.addFlashAttribute("notice", "Restaurant profile saved.");
        return "redirect:/app/settings";
    }

    @PostMapping("/hours")
    String hours(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestParam Map<String, String> fields,
            RedirectAttributes flash) {
        Map<Weekday, String> week = new EnumMap<>(Weekday.class);
        for (Weekday day : Weekday.values()) {
            week.put(day, fields.getOrDefault("hours_" + day.wireName(), ""));
        }
        hours.replace(me.tenantId(), form.valid(OpeningHoursForm.parse(week, fields.get("exceptions"))));
        flash.addFlashAttribute("notice", "Opening hours saved.");
        return "redirect:/app/settings#hours";
    }

    /** The restaurant's place, from the link of a Facebook Page that has a location (checked with Facebook). */
    @PostMapping("/place")
    String place(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestParam(defaultValue = "") String page,
            RedirectAttributes flash) {
        io.forkcast.captions.RestaurantPlace place = places.set(me.tenantId(), page);
        flash.addFlashAttribute("notice", "Place saved: posts are tagged at " + place.name() + ".");
        return "redirect:/app/settings#place";
    }

    @PostMapping("/place/remove")
    String removePlace(@ModelAttribute("me") UserSignIns.SignedInUser me, RedirectAttributes flash) {
        places.remove(me.tenantId());
        flash.addFlashAttribute("notice", "Posts are no longer tagged at a place.");
        return "redirect:/app/settings";
    }

    @PostMapping("/timezone")
    String timezone(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestParam String timezone,
            RedirectAttributes flash) {
        tenants.change(me.tenantId(), new TenantChanges(null, null, null, timezone, null));
        flash.addFlashAttribute("notice", "Time zone saved: dates and times now show in "
                + TimeZones.label(ZoneId.of(timezone), clock.instant()) + ".");
        return "redirect:/app/settings";
    }

    @PostMapping("/menu-items")
    String addMenuItem(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String price,
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(name = "dietary_tags", defaultValue = "") String dietaryTags, RedirectAttributes flash) {
        NewMenuItem item = new NewMenuItem(name.strip(), FormInput.blankToNull(description), price(price),
                FormInput.blankToNull(currency) == null ? null : currency.strip().toUpperCase(),
                FormInput.list(dietaryTags), false, List.of());
        menuItems.add(me.tenantId(), form.valid(item));
        flash.addFlashAttribute("notice", "Menu item added.");
        return "redirect:/app/settings#menu";
    }

    @PostMapping("/menu-items/{itemId}")
    String changeMenuItem(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID itemId,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String price, @RequestParam(defaultValue = "") String currency,
            @RequestParam(name = "dietary_tags", defaultValue = "") String dietaryTags, RedirectAttributes flash) {
        MenuItemChanges changes = new MenuItemChanges(name.strip(), description.strip(), price(price),
                FormInput.blankToNull(currency) == null ? null : currency.strip().toUpperCase(),
                FormInput.list(dietaryTags), null, null);
        menuItems.change(me.tenantId(), itemId, form.valid(changes));
        flash.addFlashAttribute("notice", "Menu item saved: " + name.strip() + ".");
        return "redirect:/app/settings#menu";
    }

    /** Sends the menu to every Google location now: the owner's retry after a failed sync. */
    @PostMapping("/menu-sync")
    String syncMenuToGoogle(@ModelAttribute("me") UserSignIns.SignedInUser me, RedirectAttributes flash) {
        ReviewsPage.flashMenuOutcome(googleMenu.syncNow(me.tenantId()), flash);
        return "redirect:/app/settings#google-menu";
    }

    /** One click: the item is sold out (posts about it wait), or back on the menu. */
    @PostMapping("/menu-items/{itemId}/availability")
    String menuItemAvailability(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID itemId,
            @RequestParam(defaultValue = "") String status, RedirectAttributes flash) {
        Availability availability = switch (status) {
            case "sold_out" -> Availability.SOLD_OUT;
            case "available" -> Availability.AVAILABLE;
            default -> throw new InvalidFieldException("status", "must be available or sold out");
        };
        MenuItem item = menuItems.get(me.tenantId(), itemId);
        menuItems.setAvailability(me.tenantId(), itemId, new MenuItemAvailability(availability, null,
                item.seasonFrom(), item.seasonTo()));
        flash.addFlashAttribute("notice", availability == Availability.SOLD_OUT
                ? item.name() + " is sold out: posts about it wait until it is back."
                : item.name() + " is back on the menu. Posts that waited for it are on the home page to resume.");
        return "redirect:/app/settings#menu";
    }

    @PostMapping("/menu-items/{itemId}/delete")
    String removeMenuItem(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID itemId,
            RedirectAttributes flash) {
        menuItems.remove(me.tenantId(), itemId);
        flash.addFlashAttribute("notice", "Menu item removed.");
        return "redirect:/app/settings#menu";
    }

    private static BigDecimal price(String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("price", "must be a number such as 12.50");
        }
    }
}
