package io.forkcast.meta;

/**
 * The Instagram professional account linked to a Page ({@code instagram_business_account}).
 *
 * @param profilePictureUrl its {@code profile_picture_url} (Meta's CDN), null when not known
 */
public record InstagramAccount(String id, String username, String profilePictureUrl) {

    public InstagramAccount(String id, String username) {
        this(id, username, null);
    }
}
