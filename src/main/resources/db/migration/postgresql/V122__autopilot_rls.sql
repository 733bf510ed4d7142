-- Row-level security on the autopilot tables (defined in V2).
select forkcast_enable_tenant_isolation('autopilot_settings');
select forkcast_enable_tenant_isolation('daily_specials');
select forkcast_enable_tenant_isolation('restaurant_events');
select forkcast_enable_tenant_isolation('autopilot_drafts');
