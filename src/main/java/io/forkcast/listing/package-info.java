/**
 * The restaurant's Google listing beyond its posts: the menu kept in sync with the location's food menu, the
 * location's reviews with replies drafted in the restaurant's voice, and the location's daily metrics.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Google listing")
package io.forkcast.listing;
