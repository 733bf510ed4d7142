/**
 * Connected Facebook Pages and Instagram accounts: the OAuth connect flow and its state, sealed tokens, token
 * health and its history.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package io.forkcast.accounts;
