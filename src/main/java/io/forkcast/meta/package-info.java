/**
 * The only code that speaks Meta's Graph API: OAuth dialog URLs, token exchange, debug_token, pages and
 * Instagram accounts, with appsecret_proof, error classification and usage-aware throttling.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Meta Graph API")
package io.forkcast.meta;
