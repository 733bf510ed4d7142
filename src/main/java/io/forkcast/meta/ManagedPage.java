package io.forkcast.meta;

import java.util.List;

/**
 * A Facebook Page the user manages, from {@code /me/accounts}.
 *
 * @param accessToken the page access token: seal it, never log it
 * @param pictureUrl the Page's picture (Meta's CDN), null when it has none
 */
public record ManagedPage(String id, String name, String category, List<String> tasks, String accessToken,
        String pictureUrl) {

    public ManagedPage(String id, String name, String category, List<String> tasks, String accessToken) {
        this(id, name, category, tasks, accessToken, null);
    }

    @Override
    public String toString() {
        return "ManagedPage[id=" + id + ", name=" + name + "]";
    }
}
