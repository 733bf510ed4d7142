/**
 * The restaurant's publishing rhythm: each account's weekly posting slots and the queue that fills them (posts
 * created with {@code queue: true} go to the next free slot, move up when one before them leaves, and are never moved
 * once pinned), slots suggested from the account's best hours, and recurring posts whose occurrences are created
 * ahead of time as ordinary posts, each captioned anew.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Queue")
package io.forkcast.queue;
