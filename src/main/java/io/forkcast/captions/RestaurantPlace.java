package io.forkcast.captions;

/**
 * The restaurant's place: a Facebook Page that has a location (usually the restaurant's own Page), tagged on its
 * Instagram and Facebook posts unless a post says otherwise.
 *
 * @param pageId the Page's id, as Instagram's {@code location_id} and Facebook's {@code place} take it
 * @param name the Page's name, as the networks show the tag
 * @param address street and city, to tell the owner which place it is
 */
public record RestaurantPlace(String pageId, String name, String address) {
}
