package io.forkcast.google;

/**
 * A location (a listing on Search and Maps) of a Business Profile account.
 *
 * @param account the account it was listed under, {@code accounts/{accountId}}
 * @param name the resource name, {@code locations/{locationId}}
 * @param title the business's name as shown on the listing
 * @param address the first line of its storefront address and its locality, when it has one
 */
public record BusinessLocation(String account, String name, String title, String address) {

    /** The v4 parent of the location's posts: {@code accounts/{accountId}/locations/{locationId}}. */
    public String postsParent() {
        return account + "/" + name;
    }
}
