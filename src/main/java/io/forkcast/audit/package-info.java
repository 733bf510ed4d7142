/**
 * The audit trail: every change to posts, approvals, accounts, users, API keys and settings recorded with who made it (a
 * dashboard user, an API key, the operator, or Forkcast's own jobs), what it was, when and from where; listed to
 * admins, kept for a configurable time, never edited.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package io.forkcast.audit;
