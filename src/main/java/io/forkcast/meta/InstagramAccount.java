package io.forkcast.meta;

/** The Instagram professional account linked to a Page ({@code instagram_business_account}). */
public record InstagramAccount(String id, String username) {
}
