/**
 * Approvals: the tenant's setting "posts by editors need approval", the record of every request and decision on a
 * post (who and when), the internal comment thread of a post, and share-for-approval links that let someone
 * without an account approve or send back one post, once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Approvals")
package io.forkcast.approvals;
