package io.forkcast.google;

import java.time.Instant;

/**
 * A post on a location's listing, as Google reports it.
 *
 * @param name {@code accounts/{a}/locations/{l}/localPosts/{p}}
 * @param topicType {@code STANDARD}, {@code OFFER} or {@code EVENT}
 * @param title an offer's or an event's title ({@code event.title}); null for a "what's new" post
 * @param state {@code PROCESSING}, {@code LIVE} or {@code REJECTED}
 * @param searchUrl the link to the post on Google Search
 */
public record LocalPost(String name, String topicType, String summary, String title, String state,
        String searchUrl, Instant createTime) {

    public boolean live() {
        return "LIVE".equals(state);
    }

    public boolean rejected() {
        return "REJECTED".equals(state);
    }
}
