/**
 * Posts to Facebook Pages and Instagram accounts: scheduling on the job table, the publish pipeline with
 * attempts recorded before every Graph call, retries with backoff, reconciliation after an unknown outcome, and
 * the posts/day quota of the tenant's plan.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Posts")
package io.forkcast.posts;
