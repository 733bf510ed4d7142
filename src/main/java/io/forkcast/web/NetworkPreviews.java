package io.forkcast.web;

import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.AssetVariant;
import io.forkcast.assets.Assets;
import io.forkcast.assets.BrandAsset;
import io.forkcast.assets.MediaUrls;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.GooglePost;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * How a post will look on each network and in each format it goes to, built from the files that are sent:
 * Instagram gets the Instagram-ready derivative (every carousel image in the first one's frame), Facebook and Google
 * the original; a video shows its poster frame (for a Reel, the cover the owner chose). Captions are cut where the
 * networks' feeds cut them, before "more" (Instagram) or "See more" (Facebook). A Reel or a Story is shown in its
 * 9:16 frame (a Story without its caption: none is sent); a Google listing's post as the listing's post card, with
 * its offer or event and its button.
 */
@Component
class NetworkPreviews {

    /** Instagram's feed shows the first line of a caption, at most about 125 characters, then "… more". */
    static final int INSTAGRAM_FEED_CHARACTERS = 125;
    /** Facebook's feed shows about 477 characters of a post's text, then "… See more". */
    static final int FACEBOOK_FEED_CHARACTERS = 477;
    /** A Reel shows a caption's first line over the video, cut at about 55 characters, then "… more". */
    static final int REEL_CHARACTERS = 55;
    /** A Google listing's post card shows the summary's first lines, about 200 characters, then "Read more". */
    static final int GOOGLE_CARD_CHARACTERS = 200;
    /** The frame of a Reel and a Story: 9:16, full screen on a phone. */
    static final String VERTICAL = "0.5625";

    /**
     * One delivery as its network will show it. {@code aspect} is the media frame's CSS aspect ratio;
     * {@code picture} the account's picture on Meta's CDN (null: the initial stands in for it); {@code google} the
     * listing card's extras (null for other networks).
     */
    record Preview(UUID accountId, Platform platform, Platform.Format format, String name, String initial,
            List<Slide> slides, String aspect, Caption caption, URI picture, String place, String firstComment,
            GoogleCard google) {

        public boolean carousel() {
            return slides.size() > 1;
        }

        /** A Reel or a Story: the 9:16 frame. */
        public boolean vertical() {
            return format == Platform.Format.REEL || format == Platform.Format.STORY;
        }

        /** As the owner names the format: "Instagram Reel", "Facebook feed post", "Google listing post". */
        public String label() {
            return platform == Platform.GOOGLE_BUSINESS ? "Google listing post" : platform.displayName() + " "
                    + format.displayName();
        }
    }

    /**
     * One medium of the post, at the address of the picture the network shows: a photo's file as sent, a video's
     * poster (or chosen cover); {@code duration} is a video's ("0:42"), null for a photo.
     */
    record Slide(URI url, String alt, String duration) {

        public boolean video() {
            return duration != null;
        }
    }

    /** The caption as the feed shows it: {@code visible}, and whether the rest waits behind "more". */
    record Caption(String full, String visible, boolean cut) {
    }

    /**
     * What a Google listing's post card shows beside the summary: the type ("Offer", "Event"), an offer's or an
     * event's title and dates, the coupon code and terms, and the button (its label and where it leads).
     */
    record GoogleCard(String type, String title, String dates, String couponCode, String terms, String button,
            URI buttonUrl) {
    }

    /**
     * Where a post goes: the account (null when it is gone), the format, the caption sent there, the name of the
     * place it is tagged at, its first comment (null: none) and, for a Google listing, its post fields (null: a
     * "what's new" post).
     */
    record Target(UUID accountId, Platform platform, ConnectedAccount account, String caption, String place,
            String firstComment, Platform.Format format, GooglePost google) {

        Target(UUID accountId, Platform platform, ConnectedAccount account, String caption) {
            this(accountId, platform, account, caption, null, null, Platform.Format.FEED, null);
        }

        Target {
            format = format == null ? Platform.Format.FEED : format;
        }
    }

    private static final DateTimeFormatter GOOGLE_DATE = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm",
            Locale.ENGLISH);

    private final Assets assets;
    private final MediaUrls mediaUrls;

    NetworkPreviews(Assets assets, MediaUrls mediaUrls) {
        this.assets = assets;
        this.mediaUrls = mediaUrls;
    }

    /** The previews of a post's targets, its media in carousel order (another tenant's medium is not found). */
    List<Preview> of(TenantId tenantId, List<Target> targets, List<UUID> assetIds) {
        List<BrandAsset> media = assetIds.stream().map(id -> assets.get(tenantId, new AssetId(id))).toList();
        return targets.stream().map(target -> preview(tenantId, target, media)).toList();
    }

    private Preview preview(TenantId tenantId, Target target, List<BrandAsset> media) {
        Platform platform = target.platform();
        Platform.Format format = target.format();
        AssetVariant sent = platform == Platform.INSTAGRAM ? AssetVariant.INSTAGRAM : AssetVariant.ORIGINAL;
        boolean vertical = format == Platform.Format.REEL || format == Platform.Format.STORY;
        List<Slide> slides = media.stream().map(medium -> slide(tenantId, medium, sent, format)).toList();
        String aspect = vertical ? VERTICAL : media.isEmpty() ? "1" : aspect(media.getFirst(), sent);
        String name = name(target);
        String caption = target.caption() == null ? "" : target.caption();
        boolean captioned = platform.rules(format).map(Platform.MediaRules::captioned).orElse(true);
        Caption shown = !captioned ? new Caption("", "", false) : switch (platform) {
            case INSTAGRAM -> cut(caption, format == Platform.Format.REEL ? REEL_CHARACTERS
                    : INSTAGRAM_FEED_CHARACTERS, true);
            case FACEBOOK -> cut(caption, format == Platform.Format.REEL ? REEL_CHARACTERS
                    : FACEBOOK_FEED_CHARACTERS, format == Platform.Format.REEL);
            case GOOGLE_BUSINESS -> cut(caption, GOOGLE_CARD_CHARACTERS, false);
        };
        return new Preview(target.accountId(), platform, format, name, name.substring(0, 1).toUpperCase(Locale.ROOT),
                slides, aspect, shown, picture(target.account()), target.place(),
                target.firstComment() == null || target.firstComment().isBlank() ? null : target.firstComment().strip(),
                platform == Platform.GOOGLE_BUSINESS ? googleCard(target.google()) : null);
    }

    /**
     * A photo as the network gets it; a video as its poster frame, or for a Reel the library photo chosen as its
     * cover (Instagram's copy of it, as the publisher sends it).
     */
    private Slide slide(TenantId tenantId, BrandAsset medium, AssetVariant sent, Platform.Format format) {
        String alt = medium.altText() == null || medium.altText().isBlank() ? medium.filename() : medium.altText();
        if (!medium.video()) {
            return new Slide(mediaUrls.urlOf(medium, sent).url(), alt, null);
        }
        String duration = duration(medium.facts().durationMillis());
        if (format == Platform.Format.REEL && coverPhoto(medium) instanceof UUID photo) {
            try {
                return new Slide(mediaUrls.urlOf(tenantId, new AssetId(photo), AssetVariant.INSTAGRAM).url(), alt,
                        duration);
            } catch (DomainException gone) {
                // The cover photo was deleted since: the network picks a frame, as the poster shows.
            }
        }
        return new Slide(mediaUrls.urlOf(medium, AssetVariant.POSTER).url(), alt, duration);
    }

    /** The library photo a video's owner chose as its cover; null for a frame or none. */
    static UUID coverPhoto(BrandAsset video) {
        Map<String, Object> metadata = video.metadata();
        if (metadata != null && metadata.get("video") instanceof Map<?, ?> facts
                && facts.get("cover") instanceof Map<?, ?> cover && cover.get("asset_id") instanceof String photo) {
            try {
                return UUID.fromString(photo);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** A video's length as players write it: "0:07", "1:30", "1:02:03". */
    static String duration(long millis) {
        long seconds = Math.round(millis / 1000.0);
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        long rest = seconds % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
                : String.format(Locale.ROOT, "%d:%02d", minutes, rest);
    }

    /** The listing card's extras, in the words Google's card uses. */
    static GoogleCard googleCard(GooglePost google) {
        GooglePost post = google == null ? GooglePost.WHATS_NEW : google;
        GooglePost.Type type = post.typeOrDefault();
        String dates = post.startsAt() == null ? null : GOOGLE_DATE.format(post.startsAt())
                + (post.endsAt() == null ? "" : " – " + endOf(post.startsAt(), post.endsAt()));
        return new GoogleCard(switch (type) {
            case WHATS_NEW -> null;
            case OFFER -> "Offer";
            case EVENT -> "Event";
        }, type == GooglePost.Type.WHATS_NEW ? null : post.title(), type == GooglePost.Type.WHATS_NEW ? null : dates,
                type == GooglePost.Type.OFFER ? post.couponCode() : null,
                type == GooglePost.Type.OFFER ? post.terms() : null,
                buttonLabel(post.action()), post.action() == GooglePost.Action.CALL ? null : post.actionUrl());
    }

    /** An end on the start's day shows its time only. */
    private static String endOf(LocalDateTime start, LocalDateTime end) {
        return end.toLocalDate().equals(start.toLocalDate()) ? end.toLocalTime().toString() : GOOGLE_DATE.format(end);
    }

    /** The button's words on Google's card; null for no button. */
    static String buttonLabel(GooglePost.Action action) {
        if (action == null) {
            return null;
        }
        return switch (action) {
            case BOOK -> "Book";
            case ORDER -> "Order online";
            case SHOP -> "Buy";
            case LEARN_MORE -> "Learn more";
            case SIGN_UP -> "Sign up";
            case CALL -> "Call now";
        };
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

    /**
     * The frame of the first medium as the network shows it: its width over height, from the measures of the file
     * sent (a video's as displayed).
     */
    private static String aspect(BrandAsset medium, AssetVariant variant) {
        Map<String, Object> metadata = medium.metadata();
        boolean instagramCopy = variant == AssetVariant.INSTAGRAM && !medium.video();
        Object described = metadata == null ? null : metadata.get(instagramCopy ? "instagram" : "original");
        if (described instanceof Map<?, ?> measures) {
            Object width = measures.get(instagramCopy ? "width" : "display_width");
            Object height = measures.get(instagramCopy ? "height" : "display_height");
            if (width instanceof Number w && height instanceof Number h && w.intValue() > 0 && h.intValue() > 0) {
                // Both feeds show a picture between 4:5 (portrait) and 1.91:1 (landscape), cropping beyond.
                double ratio = Math.clamp(w.doubleValue() / h.doubleValue(), 0.8, 1.91);
                return String.format(Locale.ROOT, "%.4f", ratio);
            }
        }
        return "1";
    }
}
