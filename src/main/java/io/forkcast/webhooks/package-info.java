/**
 * Outbound webhooks: the HTTPS endpoints a tenant registers, and the events sent to them (a delivery published or
 * failed, a post published or failed, an account that needs reconnecting, a post's approval asked for or decided) signed the Standard Webhooks way, retried
 * with backoff for about a day, each attempt logged, re-deliverable by hand.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Webhooks")
package io.forkcast.webhooks;
