-- Row-level security on the queue module's tables (defined in V2).
select forkcast_enable_tenant_isolation('posting_slots');
select forkcast_enable_tenant_isolation('recurrences');
select forkcast_enable_tenant_isolation('recurrence_occurrences');
