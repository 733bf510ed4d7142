select forkcast_enable_tenant_isolation('post_idempotency_keys');
