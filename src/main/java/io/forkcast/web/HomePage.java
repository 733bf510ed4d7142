package io.forkcast.web;

import io.forkcast.accounts.AccountStatus;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.assets.Assets;
import io.forkcast.autopilot.Autopilot;
import io.forkcast.captions.MenuItems;
import io.forkcast.captions.RestaurantProfile;
import io.forkcast.captions.RestaurantProfiles;
import io.forkcast.listing.GoogleReviews;
import io.forkcast.posts.PostQuery;
import io.forkcast.posts.PostStatus;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * Home: where signing in lands. Until the restaurant is set up, a first-run checklist (connect an account, upload
 * photos, describe the restaurant, add menu items, schedule a first post), each step linking to where it is done;
 * then one list of what waits for the signed-in person ({@link WaitingForYou}), the holidays and events ahead,
 * Google reviews waiting for a reply, and the next posts going out.
 */
@Controller
class HomePage {

    /** One step of the first-run checklist; {@code link} is where it is done. */
    record Step(String what, String why, String link, String action, boolean done) {
    }

    private final AccountNames accounts;
    private final Assets assets;
    private final RestaurantProfiles profiles;
    private final MenuItems menuItems;
    private final Posts posts;
    private final Clock clock;
    private final Autopilot autopilot;
    private final WaitingForYou waiting;
    private final GoogleReviews reviews;

    HomePage(AccountNames accounts, Assets assets, RestaurantProfiles profiles, MenuItems menuItems, Posts posts,
            Clock clock, Autopilot autopilot, WaitingForYou waiting, GoogleReviews reviews) {
        this.reviews = reviews;
        this.autopilot = autopilot;
        this.waiting = waiting;
        this.accounts = accounts;
        this.assets = assets;
        this.profiles = profiles;
        this.menuItems = menuItems;
        this.posts = posts;
        this.clock = clock;
    }

    @GetMapping("/app")
    String home(@ModelAttribute("me") UserSignIns.SignedInUser me, @ModelAttribute("zone") ZoneId zone,
            Model model) {
        TenantId tenant = me.tenantId();
        List<ConnectedAccount> connected = accounts.all(tenant);
        List<Step> steps = checklist(tenant, connected);
        model.addAttribute("steps", steps);
        model.addAttribute("stepsDone", steps.stream().filter(Step::done).count());
        model.addAttribute("setUp", steps.stream().allMatch(Step::done));
        model.addAttribute("upcoming", posts.list(tenant, new PostQuery(PostStatus.SCHEDULED, null, clock.instant(),
                null), new PageRequest(50, null)).items().stream()
                .sorted(Comparator.comparing(PostView::scheduledFor)).limit(5).toList());
        model.addAttribute("waiting", waiting.of(me, connected, zone));
        model.addAttribute("occasions", autopilot.comingUp(tenant, null).stream().limit(5).toList());
        // Google reviews left without a reply for two days: each links to its card on Reviews.
        model.addAttribute("overdueReviews", reviews.overdue(tenant, 3));
        return "app/home";
    }

    /** Held because its menu item is unavailable (not late, nor for a disconnected account). */
    static boolean heldForMenuItem(PostView post) {
        return post.deliveries().stream().anyMatch(d -> d.failure() != null
                && "menu_item".equals(d.failure().code()));
    }

    /** The reason the owner reads, from the first delivery held for its menu item. */
    static String heldReason(PostView post) {
        return post.deliveries().stream().filter(d -> d.failure() != null && "menu_item".equals(d.failure().code()))
                .map(d -> d.failure().message()).findFirst().orElse("");
    }

    private List<Step> checklist(TenantId tenant, List<ConnectedAccount> connected) {
        RestaurantProfile profile = profiles.get(tenant);
        boolean described = profile.description() != null && !profile.description().isBlank();
        return List.of(
                new Step("Connect your Facebook Page and Instagram account",
                        "Forkcast posts to the accounts you connect.", "/app/accounts", "Connect an account",
                        connected.stream().anyMatch(a -> a.status() == AccountStatus.ACTIVE)),
                new Step("Upload photos of your dishes and your place",
                        "Every post needs a picture on Instagram.", "/app/library", "Upload photos",
                        !assets.list(tenant, new Assets.Query(null, false, null, null, null, null, null, null), 1, null)
                                .items().isEmpty()),
                new Step("Describe your restaurant",
                        "The caption writer uses your cuisine, city and style.", "/app/settings#profile-h",
                        "Describe the restaurant", described),
                new Step("Add your menu items",
                        "Captions can then name real dishes and prices.", "/app/settings#menu", "Add menu items",
                        !menuItems.list(tenant, new PageRequest(1, null)).items().isEmpty()),
                new Step("Schedule your first post",
                        "Pick a photo, let Forkcast suggest a caption, choose a time.", "/app/compose",
                        "Write a post", !posts.list(tenant, new PostQuery(null, null, null, null),
                                new PageRequest(1, null)).items().isEmpty()));
    }
}
