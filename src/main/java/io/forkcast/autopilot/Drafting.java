package io.forkcast.autopilot;

import io.forkcast.accounts.AccountStatus;
import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.Assets;
import io.forkcast.assets.BrandAsset;
import io.forkcast.captions.CaptionRequest;
import io.forkcast.captions.Captions;
import io.forkcast.captions.Intent;
import io.forkcast.captions.ItemDetails;
import io.forkcast.captions.MenuItem;
import io.forkcast.captions.MenuItems;
import io.forkcast.posts.NewPost;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes autopilot's drafts and turns an approved one into an ordinary post. A caption comes from the captions
 * module's writer, so its anti-repetition applies (a draft never repeats earlier wording); the photo is the one the
 * owner chose, else the item's first photo, else the library's newest photo tagged with the item's name; the post
 * goes to the restaurant's default targets: every active connected account (those that need a photo only when
 * there is one).
 */
@Component
class Drafting {

    static final String SPECIAL_OCCASION = "today's special";

    private final Captions captions;
    private final MenuItems menuItems;
    private final Assets assets;
    private final Accounts accounts;
    private final Posts posts;
    private final DraftRepository drafts;
    private final Clock clock;

    Drafting(Captions captions, MenuItems menuItems, Assets assets, Accounts accounts, Posts posts,
            DraftRepository drafts, Clock clock) {
        this.captions = captions;
        this.menuItems = menuItems;
        this.assets = assets;
        this.accounts = accounts;
        this.posts = posts;
        this.drafts = drafts;
        this.clock = clock;
    }

    /** The draft of a daily special's post; in the caller's transaction. */
    Draft special(TenantId tenant, LocalDate date, MenuItem item, UUID chosenAsset) {
        List<UUID> photo = photo(tenant, item, chosenAsset).map(List::of).orElse(List.of());
        String caption = write(tenant, item.id(), null, SPECIAL_OCCASION, photo.isEmpty());
        return drafts.saveAndFlush(new Draft(tenant.value(), DraftKind.SPECIAL, date, item.id(), null, caption,
                photo, clock.instant()));
    }

    /** The draft of a post for an occasion, about a menu item or the restaurant itself. */
    Draft occasion(TenantId tenant, String restaurant, LocalDate date, String occasion, UUID menuItemId) {
        MenuItem item = menuItemId == null ? null : menuItem(tenant, menuItemId);
        List<UUID> photo = item == null ? List.of() : photo(tenant, item, null).map(List::of).orElse(List.of());
        ItemDetails inline = item != null ? null : new ItemDetails(restaurant, "A table at " + restaurant + " for "
                + occasion + ".", null, null, List.of(), false);
        String caption = write(tenant, menuItemId, inline, occasion, photo.isEmpty());
        return drafts.saveAndFlush(new Draft(tenant.value(), DraftKind.OCCASION, date, menuItemId, occasion, caption,
                photo, clock.instant()));
    }

    /** Publishes the draft: an ordinary post, now or at {@code at}, to the default targets. */
    PostView publish(TenantId tenant, Draft draft, Instant at) {
        List<NewPost.Target> targets = targets(tenant, !draft.assetIds().isEmpty());
        PostView post = posts.create(tenant, new NewPost(draft.caption(), draft.assetIds(), at, null, at == null,
                targets, draft.kind() == DraftKind.OCCASION ? Intent.EVENT : Intent.GENERAL, draft.menuItemId()));
        draft.published(post.id().value(), clock.instant());
        drafts.saveAndFlush(draft);
        return post;
    }

    MenuItem menuItem(TenantId tenant, UUID menuItemId) {
        try {
            return menuItems.get(tenant, menuItemId);
        } catch (DomainException e) {
            throw new InvalidFieldException("menu_item_id", "No menu item " + menuItemId + " on the menu.");
        }
    }

    private String write(TenantId tenant, UUID menuItemId, ItemDetails inline, String occasion, boolean noPhoto) {
        Platform platform = activeAccounts(tenant).stream().map(ConnectedAccount::platform)
                .filter(p -> !noPhoto || !p.needsImage()).findFirst().orElse(Platform.FACEBOOK);
        return captions.generate(tenant, new CaptionRequest(menuItemId, inline, platform, null, occasion, null, 1,
                null)).getFirst().text();
    }

    private Optional<UUID> photo(TenantId tenant, MenuItem item, UUID chosen) {
        if (chosen != null) {
            return Optional.of(chosen);
        }
        for (UUID assetId : item.assetIds()) {
            try {
                BrandAsset asset = assets.get(tenant, new AssetId(assetId));
                if (!asset.video()) {
                    return Optional.of(assetId);
                }
            } catch (DomainException gone) {
                // removed from the library since: the next one
            }
        }
        String tag = item.name().strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("(^-|-$)", "");
        return assets.list(tenant, new Assets.Query(null, false, List.of(tag), "photo", null, null, null, null), 1,
                null).items().stream().map(a -> a.id().value()).findFirst();
    }

    private List<NewPost.Target> targets(TenantId tenant, boolean withPhoto) {
        List<NewPost.Target> targets = new ArrayList<>();
        for (ConnectedAccount account : activeAccounts(tenant)) {
            if (withPhoto || !account.platform().needsImage()) {
                targets.add(new NewPost.Target(account.id().value(), null));
            }
        }
        if (targets.isEmpty()) {
            throw new InvalidFieldException("targets", withPhoto ? "Connect an account first: the post has nowhere "
                    + "to go." : "Add a photo of the dish to the library: the connected accounts need one.");
        }
        return targets;
    }

    private List<ConnectedAccount> activeAccounts(TenantId tenant) {
        return accounts.list(tenant, new PageRequest(100, null)).items().stream()
                .filter(a -> a.status() == AccountStatus.ACTIVE).toList();
    }
}
