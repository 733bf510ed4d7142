/**
 * Secrets at rest: AES-256-GCM sealing under a key ring with key ids, so keys can be rotated without downtime.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Vault")
package io.forkcast.vault;
