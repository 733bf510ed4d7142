-- Outbound webhooks: the endpoints a tenant registers, the messages queued for them (one per event and endpoint)
-- and every attempt to deliver one. The signing secret is sealed by the vault, like social tokens; during a rotation
-- the previous secret signs too until previous_secret_expires_at.
create table webhook_endpoints (
    id                          uuid                     not null primary key,
    tenant_id                   uuid                     not null references tenants (id) on delete cascade,
    url                         varchar(2048)            not null,
    description                 varchar(200),
    events                      varchar(1000)            not null,
    secret_key_id               varchar(64)              not null,
    secret_nonce                varchar(64)              not null,
    secret_ciphertext           varchar(512)             not null,
    previous_secret_key_id      varchar(64),
    previous_secret_nonce       varchar(64),
    previous_secret_ciphertext  varchar(512),
    previous_secret_expires_at  timestamp with time zone,
    enabled                     boolean                  not null,
    disabled_reason             varchar(500),
    failing_since               timestamp with time zone,
    created_at                  timestamp with time zone not null,
    updated_at                  timestamp with time zone not null,
    constraint uq_webhook_endpoints_tenant_id unique (tenant_id, id)
);
create index ix_webhook_endpoints_tenant on webhook_endpoints (tenant_id, id);

create table webhook_messages (
    id               uuid                     not null primary key,
    tenant_id        uuid                     not null,
    endpoint_id      uuid                     not null,
    event_type       varchar(64)              not null,
    event_key        varchar(200)             not null,
    payload          varchar                  not null,
    status           varchar(16)              not null,
    attempts         integer                  not null default 0,
    next_attempt_at  timestamp with time zone,
    delivered_at     timestamp with time zone,
    created_at       timestamp with time zone not null,
    constraint uq_webhook_messages_tenant_id unique (tenant_id, id),
    constraint uq_webhook_messages_event unique (endpoint_id, event_key),
    constraint fk_webhook_messages_endpoint foreign key (tenant_id, endpoint_id)
        references webhook_endpoints (tenant_id, id) on delete cascade
);
create index ix_webhook_messages_endpoint on webhook_messages (tenant_id, endpoint_id, id);
create index ix_webhook_messages_created on webhook_messages (created_at);

create table webhook_attempts (
    id                uuid                     not null primary key,
    tenant_id         uuid                     not null,
    message_id        uuid                     not null,
    attempted_at      timestamp with time zone not null,
    status_code       integer,
    latency_ms        integer                  not null,
    error             varchar(500),
    response_excerpt  varchar(500),
    constraint fk_webhook_attempts_message foreign key (tenant_id, message_id)
        references webhook_messages (tenant_id, id) on delete cascade
);
create index ix_webhook_attempts_message on webhook_attempts (tenant_id, message_id, attempted_at);
