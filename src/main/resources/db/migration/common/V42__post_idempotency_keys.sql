-- Idempotency-Key of post creation: the same key with the same body answers the same posts; another body, 422.
create table post_idempotency_keys (
    tenant_id    uuid                     not null references tenants (id) on delete cascade,
    idem_key     varchar(255)             not null,
    request_hash varchar(64)              not null,
    group_id     uuid                     not null,
    created_at   timestamp with time zone not null,
    primary key (tenant_id, idem_key)
);
