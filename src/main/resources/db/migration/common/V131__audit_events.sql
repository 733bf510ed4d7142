-- The audit trail: who (a dashboard user, an API key, the operator, or Forkcast itself) changed what (action,
-- resource, a short summary without secrets), when and from where (client address, user agent). Rows are only ever
-- inserted; the retention purge and the deletion of the tenant remove them (on PostgreSQL the application's role
-- may not update or delete them: V132).
create table audit_events (
    id             uuid                     not null primary key,
    tenant_id      uuid                     not null references tenants (id) on delete cascade,
    occurred_at    timestamp with time zone not null,
    actor_type     varchar(16)              not null,
    actor_id       uuid,
    actor_name     varchar(320),
    action         varchar(64)              not null,
    resource_type  varchar(32)              not null,
    resource_id    varchar(64),
    summary        varchar(500),
    ip_address     varchar(64),
    user_agent     varchar(300)
);
create index ix_audit_events_tenant on audit_events (tenant_id, id);
create index ix_audit_events_occurred on audit_events (occurred_at);
