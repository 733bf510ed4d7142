package io.forkcast.google;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A post to create on a location. Google's event and offer dates are the location's local date and time, without a
 * zone.
 *
 * @param topicType {@code STANDARD} ("what's new"), {@code OFFER} or {@code EVENT}
 * @param languageCode the post's language, a BCP 47 tag ({@code en}, {@code fr}, {@code pt-BR}): the restaurant's
 * @param actionType {@code BOOK}, {@code ORDER}, {@code SHOP}, {@code LEARN_MORE}, {@code SIGN_UP} or {@code CALL};
 *                   null for none
 * @param actionUrl the call to action's link (none for {@code CALL}: Google dials the listing's number)
 * @param title an event's or an offer's title
 * @param photoUrls photos Google fetches by URL
 */
public record NewLocalPost(String topicType, String languageCode, String summary, String actionType, URI actionUrl,
        String title, LocalDateTime start, LocalDateTime end, String couponCode, URI redeemUrl, String terms,
        List<URI> photoUrls) {
}
