select forkcast_enable_tenant_isolation('engagement_snapshots');
