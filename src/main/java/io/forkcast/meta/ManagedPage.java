package io.forkcast.meta;

import java.util.List;

/**
 * A Facebook Page the user manages, from {@code /me/accounts}.
 *
 * @param accessToken the page access token: seal it, never log it
 */
public record ManagedPage(String id, String name, String category, List<String> tasks, String accessToken) {

    @Override
    public String toString() {
        return "ManagedPage[id=" + id + ", name=" + name + "]";
    }
}
