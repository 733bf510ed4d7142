package io.forkcast.posts;

import java.util.UUID;

/** Whose a delivery is: its post, and the account it goes out on. */
record DeliveryOwner(UUID postId, UUID accountId) {
}
