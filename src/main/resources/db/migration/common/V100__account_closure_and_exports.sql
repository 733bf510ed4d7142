-- A closed restaurant account: its keys and sign-ins are refused and its scheduled deliveries held until the grace
-- period ends (delete_after), when everything it owns is deleted; the operator can restore it before then.
create table tenant_closures (
    tenant_id    uuid                     not null primary key references tenants (id) on delete cascade,
    closed_at    timestamp with time zone not null,
    closed_by    varchar(200)             not null,
    delete_after timestamp with time zone not null
);
create index ix_tenant_closures_delete_after on tenant_closures (delete_after);

-- What was deleted when a closed account's grace period ended. Not tenant-owned: it outlives the tenant, so it has
-- no foreign key, and keeps the name only as a SHA-256 (enough to answer "was this restaurant deleted?").
create table tenant_deletions (
    tenant_id     uuid                     not null primary key,
    name_sha256   varchar(64)              not null,
    closed_at     timestamp with time zone not null,
    closed_by     varchar(200)             not null,
    deleted_at    timestamp with time zone not null,
    deleted_by    varchar(200)             not null
);

-- Archives of everything a tenant owns. active_tenant_id is the tenant's id while the export is pending or running
-- and null after: its unique constraint allows one export at a time per tenant on H2 and PostgreSQL alike.
create table data_exports (
    id               uuid                     not null primary key,
    tenant_id        uuid                     not null references tenants (id) on delete cascade,
    active_tenant_id uuid,
    status           varchar(16)              not null,
    requested_by     varchar(200)             not null,
    requested_at     timestamp with time zone not null,
    started_at       timestamp with time zone,
    finished_at      timestamp with time zone,
    records_written  bigint                   not null default 0,
    files_written    bigint                   not null default 0,
    size_bytes       bigint,
    storage_key      varchar(512),
    expires_at       timestamp with time zone,
    failure          varchar(1000),
    version          bigint                   not null default 0,
    constraint uq_data_exports_tenant_id unique (tenant_id, id),
    constraint uq_data_exports_active unique (active_tenant_id),
    constraint ck_data_exports_status check (status in ('pending', 'running', 'ready', 'failed', 'expired'))
);
create index ix_data_exports_tenant on data_exports (tenant_id, id);
create index ix_data_exports_finished on data_exports (status, finished_at);
