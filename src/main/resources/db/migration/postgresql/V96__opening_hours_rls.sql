-- Row-level security on the opening hours (defined in V2).
select forkcast_enable_tenant_isolation('opening_hours');
