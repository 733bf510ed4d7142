/**
 * Captions that know the restaurant: its profile and menu, caption generation by a pluggable writer, and
 * measured anti-repetition against the tenant's recent captions.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Captions")
package io.forkcast.captions;
