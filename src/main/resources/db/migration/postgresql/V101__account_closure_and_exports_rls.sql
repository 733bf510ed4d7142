select forkcast_enable_tenant_isolation('tenant_closures');
select forkcast_enable_tenant_isolation('data_exports');
