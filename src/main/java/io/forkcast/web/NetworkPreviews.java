package io.forkcast.web;

import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.AssetVariant;
import io.forkcast.assets.Assets;
import io.forkcast.assets.BrandAsset;
import io.forkcast.assets.MediaUrls;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How a post will look on each network it goes to, built from the files that are sent: Instagram gets the
 * Instagram-ready derivative (every carousel image in the first one's frame), Facebook the original. Captions are
 * cut where the networks' feeds cut them, before "more" (Instagram) or "See more" (Facebook).
 */
@Component
class NetworkPreviews {

    /** Instagram's feed shows the first line of a caption, at most about 125 characters, then "… more". */
    static final int INSTAGRAM_FEED_CHARACTERS = 125;
    /** Facebook's feed shows about 477 characters of a post's text, then "… See more". */
    static final int FACEBOOK_FEED_CHARACTERS = 477;

    /**
     * One delivery as its network will show it. {@code aspect} is the media frame's CSS aspect ratio;
     * {@code picture} the account's picture on Meta's CDN (null: the initial stands in for it).
     */
    record Preview(UUID accountId, Platform platform, String name, String initial, List<Slide> slides, String aspect,
            Caption caption, URI picture, String place, String firstComment) {

        public boolean carousel() {
            return slides.size() > 1;
        }
    }

    /** One image of the post, at the address of the file the network receives. */
    record Slide(URI url, String alt) {
    }

    /** The caption as the feed shows it: {@code visible}, and whether the rest waits behind "more". */
    record Caption(String full, String visible, boolean cut) {
    }

    /**
     * Where a post goes: the account (null when it is gone), the caption sent there, the name of the place it is
     * tagged at and its first comment (null: none).
     */
    record Target(UUID accountId, Platform platform, ConnectedAccount account, String caption, String place,
            String firstComment) {

        Target(UUID accountId, Platform platform, ConnectedAccount account, String caption) {
            this(accountId, platform, account, caption, null, null);
        }
    }

    private final Assets assets;
    private final MediaUrls mediaUrls;

    NetworkPreviews(Assets assets, MediaUrls mediaUrls) {
        this.assets = assets;
        this.mediaUrls = mediaUrls;
    }

    /** The previews of a post's targets, its images in carousel order (another tenant's image is not found). */
    List<Preview> of(TenantId tenantId, List<Target> targets, List<UUID> assetIds) {
        List<BrandAsset> images = assetIds.stream().map(id -> assets.get(tenantId, new AssetId(id))).toList();
        return targets.stream().map(target -> preview(target, images)).toList();
    }

    private Preview preview(Target target, List<BrandAsset> images) {
        Platform platform = target.platform();
        AssetVariant sent = platform == Platform.INSTAGRAM ? AssetVariant.INSTAGRAM : AssetVariant.ORIGINAL;
        List<Slide> slides = images.stream()
                .map(image -> new Slide(mediaUrls.urlOf(image, sent).url(),
                        image.altText() == null ? image.filename() : image.altText()))
                .toList();
        String aspect = images.isEmpty() ? "1" : aspect(images.getFirst(), sent);
        String name = name(target);
        int feed = platform == Platform.INSTAGRAM ? INSTAGRAM_FEED_CHARACTERS : FACEBOOK_FEED_CHARACTERS;
        return new Preview(target.accountId(), platform, name, name.substring(0, 1).toUpperCase(), slides, aspect,
                cut(target.caption() == null ? "" : target.caption(), feed, platform == Platform.INSTAGRAM),
                picture(target.account()), target.place(),
                target.firstComment() == null || target.firstComment().isBlank() ? null : target.firstComment().strip());
    }

    /** Only an https (or, for the sandbox, http) address is shown: the page's own policy loads nothing else. */
    private static URI picture(ConnectedAccount account) {
        if (account == null || account.pictureUrl() == null) {
            return null;
        }
        try {
            URI uri = URI.create(account.pictureUrl());
            return "https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String name(Target target) {
        ConnectedAccount account = target.account();
        if (account == null) {
            return target.platform().displayName();
        }
        return account.username() == null ? account.platformUserId() : account.username();
    }

    /**
     * The caption as a feed shows it: up to {@code characters} code points, and on Instagram only the first line;
     * the cut falls back to the last space so no word is split.
     */
    static Caption cut(String caption, int characters, boolean firstLineOnly) {
        String text = caption.strip();
        String visible = text;
        int newline = text.indexOf('\n');
        if (firstLineOnly && newline >= 0) {
            visible = text.substring(0, newline);
        }
        if (visible.codePointCount(0, visible.length()) > characters) {
            visible = visible.substring(0, visible.offsetByCodePoints(0, characters));
            int space = visible.lastIndexOf(' ');
            if (space > characters / 2) {
                visible = visible.substring(0, space);
            }
        }
        visible = visible.stripTrailing();
        return new Caption(text, visible, visible.length() < text.length());
    }

    /** The frame of the first image as the network shows it: its width over height, from the measures of the file sent. */
    private static String aspect(BrandAsset image, AssetVariant variant) {
        Map<String, Object> metadata = image.metadata();
        Object described = metadata == null ? null
                : metadata.get(variant == AssetVariant.INSTAGRAM ? "instagram" : "original");
        if (described instanceof Map<?, ?> measures) {
            Object width = measures.get(variant == AssetVariant.INSTAGRAM ? "width" : "display_width");
            Object height = measures.get(variant == AssetVariant.INSTAGRAM ? "height" : "display_height");
            if (width instanceof Number w && height instanceof Number h && w.intValue() > 0 && h.intValue() > 0) {
                // Both feeds show a photo between 4:5 (portrait) and 1.91:1 (landscape), cropping beyond.
                double ratio = Math.clamp(w.doubleValue() / h.doubleValue(), 0.8, 1.91);
                return String.format(java.util.Locale.ROOT, "%.4f", ratio);
            }
        }
        return "1";
    }
}
