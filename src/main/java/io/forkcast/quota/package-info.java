/**
 * The limits of each plan: API calls per hour (token buckets, shared through Redis across instances) and,
 * for the publishing module, posts per day.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Quota")
package io.forkcast.quota;
