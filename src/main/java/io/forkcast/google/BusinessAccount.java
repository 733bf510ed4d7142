package io.forkcast.google;

/**
 * A Business Profile account the Google user can act for.
 *
 * @param name the resource name, {@code accounts/{accountId}}
 * @param accountName the name shown to people
 * @param type {@code PERSONAL}, {@code LOCATION_GROUP}, {@code USER_GROUP} or {@code ORGANIZATION}
 */
public record BusinessAccount(String name, String accountName, String type) {
}
