-- Forkcast schema, version 1: every table of the original specification plus api_keys.
-- Runs unchanged on PostgreSQL and H2 (PostgreSQL mode). ${json_type} is jsonb on PostgreSQL, json on H2.
-- Every tenant-owned row carries tenant_id; references between tenant-owned rows go through composite keys
-- (tenant_id, id), so a row of one tenant can never point at a row of another, whatever the application does.
-- Deleting a tenant deletes everything it owns through ON DELETE CASCADE.

create table tenants (
    id              uuid                     not null primary key,
    name            varchar(200)             not null,
    email           varchar(320)             not null,
    plan            varchar(32)              not null,
    timezone        varchar(64)              not null default 'UTC',
    tenant_metadata ${json_type}             not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    version         bigint                   not null default 0
);

create table tenant_users (
    id         uuid                     not null primary key,
    tenant_id  uuid                     not null references tenants (id) on delete cascade,
    email      varchar(320)             not null,
    full_name  varchar(200),
    role       varchar(16)              not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    version    bigint                   not null default 0,
    constraint uq_tenant_users_email unique (tenant_id, email),
    constraint uq_tenant_users_tenant_id unique (tenant_id, id),
    constraint ck_tenant_users_role check (role in ('OWNER', 'ADMIN', 'EDITOR', 'VIEWER'))
);

create table api_keys (
    id            uuid                     not null primary key,
    tenant_id     uuid                     not null references tenants (id) on delete cascade,
    name          varchar(100)             not null,
    prefix        varchar(16)              not null,
    secret_sha256 varchar(64)              not null,
    scopes        varchar(100)             not null,
    created_at    timestamp with time zone not null,
    last_used_at  timestamp with time zone,
    revoked_at    timestamp with time zone,
    constraint uq_api_keys_secret unique (secret_sha256),
    constraint uq_api_keys_tenant_id unique (tenant_id, id)
);
create index ix_api_keys_tenant on api_keys (tenant_id, id);

-- A Facebook Page or an Instagram professional account connected by a tenant. An Instagram account points at
-- the Page it is linked to.
create table social_accounts (
    id                uuid                     not null primary key,
    tenant_id         uuid                     not null references tenants (id) on delete cascade,
    platform          varchar(16)              not null,
    platform_user_id  varchar(64)              not null,
    platform_username varchar(255),
    account_type      varchar(32)              not null,
    parent_account_id uuid,
    status            varchar(32)              not null default 'active',
    status_reason     varchar(1000),
    account_metadata  ${json_type}             not null,
    connected_at      timestamp with time zone not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    version           bigint                   not null default 0,
    constraint uq_social_accounts_platform_user unique (tenant_id, platform, platform_user_id),
    constraint uq_social_accounts_tenant_id unique (tenant_id, id),
    constraint fk_social_accounts_parent foreign key (tenant_id, parent_account_id)
        references social_accounts (tenant_id, id) on delete cascade,
    constraint ck_social_accounts_platform check (platform in ('facebook', 'instagram'))
);
create index ix_social_accounts_tenant_status on social_accounts (tenant_id, status);

-- Tokens are sealed (AES-256-GCM): encrypted_token is the ciphertext, encryption_iv the nonce, key_id the key
-- of the key ring that sealed it (for rotation).
create table oauth_tokens (
    id                     uuid                     not null primary key,
    tenant_id              uuid                     not null,
    account_id             uuid                     not null,
    token_type             varchar(32)              not null,
    encrypted_token        varchar(8192)            not null,
    encryption_iv          varchar(64)              not null,
    key_id                 varchar(64)              not null,
    expires_at             timestamp with time zone,
    data_access_expires_at timestamp with time zone,
    scopes                 varchar(2000),
    is_valid               boolean                  not null default true,
    last_checked_at        timestamp with time zone,
    created_at             timestamp with time zone not null,
    updated_at             timestamp with time zone not null,
    version                bigint                   not null default 0,
    constraint uq_oauth_tokens_account_type unique (account_id, token_type),
    constraint uq_oauth_tokens_tenant_id unique (tenant_id, id),
    constraint fk_oauth_tokens_account foreign key (tenant_id, account_id)
        references social_accounts (tenant_id, id) on delete cascade
);
create index ix_oauth_tokens_tenant_account on oauth_tokens (tenant_id, account_id);

-- Outlives the token it describes (a replaced token keeps its history), so token_id is not a foreign key.
create table token_refresh_history (
    id                  uuid                     not null primary key,
    tenant_id           uuid                     not null,
    account_id          uuid                     not null,
    token_id            uuid,
    outcome             varchar(32)              not null,
    error_code          varchar(64),
    error_message       varchar(2000),
    previous_expires_at timestamp with time zone,
    new_expires_at      timestamp with time zone,
    created_at          timestamp with time zone not null,
    constraint fk_token_refresh_history_account foreign key (tenant_id, account_id)
        references social_accounts (tenant_id, id) on delete cascade
);
create index ix_token_refresh_history_account on token_refresh_history (tenant_id, account_id, created_at);

-- One row per post per target account; a post to several accounts shares a group_id.
create table post_history (
    id                   uuid                     not null primary key,
    tenant_id            uuid                     not null,
    account_id           uuid                     not null,
    group_id             uuid,
    platform             varchar(16)              not null,
    platform_post_id     varchar(128),
    permalink            varchar(2048),
    caption              varchar,
    image_url            varchar(2048),
    scheduled_for        timestamp with time zone,
    posted_at            timestamp with time zone,
    status               varchar(32)              not null,
    error_code           varchar(64),
    error_message        varchar(2000),
    engagement_likes     integer                  not null default 0,
    engagement_comments  integer                  not null default 0,
    engagement_synced_at timestamp with time zone,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    version              bigint                   not null default 0,
    constraint uq_post_history_tenant_id unique (tenant_id, id),
    constraint fk_post_history_account foreign key (tenant_id, account_id)
        references social_accounts (tenant_id, id) on delete cascade,
    constraint ck_post_history_status
        check (status in ('draft', 'scheduled', 'publishing', 'published', 'failed', 'cancelled'))
);
create index ix_post_history_tenant_created on post_history (tenant_id, created_at);
create index ix_post_history_account_posted on post_history (tenant_id, account_id, posted_at);
create index ix_post_history_group on post_history (tenant_id, group_id);

-- Folders form a tree; path is the materialised path of names ("/Dishes/Pasta"), unique within a tenant,
-- which also makes names unique among siblings.
create table brand_folders (
    id         uuid                     not null primary key,
    tenant_id  uuid                     not null references tenants (id) on delete cascade,
    parent_id  uuid,
    name       varchar(255)             not null,
    path       varchar(4096)            not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    version    bigint                   not null default 0,
    constraint uq_brand_folders_tenant_id unique (tenant_id, id),
    constraint uq_brand_folders_path unique (tenant_id, path),
    constraint fk_brand_folders_parent foreign key (tenant_id, parent_id)
        references brand_folders (tenant_id, id) on delete cascade
);
create index ix_brand_folders_parent on brand_folders (tenant_id, parent_id);

create table brand_assets (
    id             uuid                     not null primary key,
    tenant_id      uuid                     not null references tenants (id) on delete cascade,
    folder_id      uuid,
    filename       varchar(255)             not null,
    file_url       varchar(2048)            not null,
    file_type      varchar(64)              not null,
    file_size      bigint                   not null,
    content_sha256 varchar(64),
    tags           ${json_type}             not null,
    metadata       ${json_type}             not null,
    uploaded_at    timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    version        bigint                   not null default 0,
    constraint uq_brand_assets_tenant_id unique (tenant_id, id),
    constraint uq_brand_assets_content unique (tenant_id, content_sha256),
    constraint fk_brand_assets_folder foreign key (tenant_id, folder_id)
        references brand_folders (tenant_id, id) on delete cascade
);
create index ix_brand_assets_folder on brand_assets (tenant_id, folder_id, uploaded_at);
create index ix_brand_assets_uploaded on brand_assets (tenant_id, uploaded_at);

-- OAuth CSRF state: consumed exactly once by the callback, expired rows removed hourly.
create table oauth_state (
    state        varchar(128)             not null primary key,
    tenant_id    uuid                     not null references tenants (id) on delete cascade,
    redirect_uri varchar(2048)            not null,
    expires_at   timestamp with time zone not null,
    created_at   timestamp with time zone not null
);
create index ix_oauth_state_expires on oauth_state (expires_at);
