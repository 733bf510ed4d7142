package io.forkcast.shared;

import com.fasterxml.jackson.annotation.JsonValue;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a post to a Google Business Profile location adds to the caption (which is its summary): its type, a call to
 * action, and an offer's or an event's title and dates (the location's local time, as Google takes them). Google's
 * rules for each type live here, beside {@link Platform#GOOGLE_BUSINESS}'s summary length, and are checked when a
 * post is created.
 *
 * @param type {@code whats_new} (the default), {@code offer} or {@code event}
 * @param action {@code book}, {@code order}, {@code shop}, {@code learn_more}, {@code sign_up} or {@code call};
 *               null for none
 * @param actionUrl where the button leads (every action but {@code call}, which dials the listing's number)
 * @param title an offer's or an event's title (required for both, at most 58 characters)
 * @param startsAt when an offer or an event starts (required for both)
 * @param endsAt when it ends (required for both, after the start)
 * @param couponCode an offer's code, redeemUrl where to redeem it online, terms its terms and conditions
 */
public record GooglePost(Type type, Action action, URI actionUrl, String title, LocalDateTime startsAt,
        LocalDateTime endsAt, String couponCode, URI redeemUrl, String terms) {

    public static final int TITLE_MAX = 58;
    public static final int COUPON_MAX = 58;
    public static final int TERMS_MAX = 5000;

    /** Google's {@code topicType}s that Forkcast posts. */
    public enum Type {
        WHATS_NEW("STANDARD"), OFFER("OFFER"), EVENT("EVENT");

        private final String topicType;

        Type(String topicType) {
            this.topicType = topicType;
        }

        public String topicType() {
            return topicType;
        }

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Google's call-to-action {@code actionType}s. */
    public enum Action {
        BOOK, ORDER, SHOP, LEARN_MORE, SIGN_UP, CALL;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A plain "what's new" post: the caption and the photo only. */
    public static final GooglePost WHATS_NEW = new GooglePost(Type.WHATS_NEW, null, null, null, null, null, null, null,
            null);

    public Type typeOrDefault() {
        return type == null ? Type.WHATS_NEW : type;
    }

    /**
     * What Google would refuse, field by field (names relative to the post's {@code google} object), as sentences
     * for the owner; empty when Google takes it.
     */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        Type kind = typeOrDefault();
        if (action != null) {
            if (action == Action.CALL && actionUrl != null) {
                problems.put("action_url", "A Call button dials the listing's phone number: leave the link empty.");
            } else if (action != Action.CALL && !isWebAddress(actionUrl)) {
                problems.put("action_url", "The button needs the web address (http or https) it leads to.");
            }
        } else if (actionUrl != null) {
            problems.put("action", "Choose the button (book, order, learn more...) the link is for.");
        }
        if (kind == Type.OFFER || kind == Type.EVENT) {
            String what = kind == Type.OFFER ? "An offer" : "An event";
            if (title == null || title.isBlank()) {
                problems.put("title", what + " needs a title.");
            } else if (Platform.length(title) > TITLE_MAX) {
                problems.put("title", "Google takes titles of at most " + TITLE_MAX + " characters; this one has "
                        + Platform.length(title) + ".");
            }
            if (startsAt == null || endsAt == null) {
                problems.put(startsAt == null ? "starts_at" : "ends_at", what + " needs a start and an end.");
            } else if (!endsAt.isAfter(startsAt)) {
                problems.put("ends_at", "The end must come after the start.");
            }
        } else if (title != null || startsAt != null || endsAt != null) {
            problems.put("type", "A title and dates belong to an offer or an event: choose one of those types.");
        }
        if (kind != Type.OFFER && (couponCode != null || redeemUrl != null || terms != null)) {
            problems.put("type", "A coupon code, redeem link and terms belong to an offer.");
        }
        if (couponCode != null && Platform.length(couponCode) > COUPON_MAX) {
            problems.put("coupon_code", "Google takes coupon codes of at most " + COUPON_MAX + " characters.");
        }
        if (redeemUrl != null && !isWebAddress(redeemUrl)) {
            problems.put("redeem_url", "The redeem link must be a web address (http or https).");
        }
        if (terms != null && Platform.length(terms) > TERMS_MAX) {
            problems.put("terms", "Google takes terms of at most " + TERMS_MAX + " characters.");
        }
        return problems;
    }

    private static boolean isWebAddress(URI uri) {
        return uri != null && uri.isAbsolute() && uri.getHost() != null
                && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
    }
}
