/**
 * The only code that speaks Google's OAuth 2.0 and Business Profile APIs: consent URLs with PKCE, token exchange,
 * refresh and revocation, accounts, locations and local posts, with Google's errors classified.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Google Business Profile")
package io.forkcast.google;
