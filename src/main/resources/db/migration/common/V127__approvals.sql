-- The approvals module: the tenant's setting, the record of every request and decision on a post (who and when),
-- the internal comments on a post, and the share-for-approval links (their tokens kept only as SHA-256).
-- Every row goes with its tenant (and with its post) when that is deleted.
create table approval_settings (
    tenant_id              uuid                     not null primary key references tenants (id) on delete cascade,
    editors_need_approval  boolean                  not null,
    updated_at             timestamp with time zone not null
);

create table approval_records (
    id             uuid                     not null primary key,
    tenant_id      uuid                     not null,
    post_id        uuid                     not null,
    action         varchar(32)              not null,
    actor_kind     varchar(16)              not null,
    actor_id       uuid,
    actor_name     varchar(320),
    comment        varchar(2000),
    scheduled_for  timestamp with time zone,
    created_at     timestamp with time zone not null,
    constraint ck_approval_records_action check (action in ('requested', 'approved', 'changes_requested',
                                                             'rejected')),
    constraint fk_approval_records_post foreign key (tenant_id, post_id)
        references posts (tenant_id, id) on delete cascade
);
create index ix_approval_records_post on approval_records (tenant_id, post_id, id);

create table post_comments (
    id           uuid                     not null primary key,
    tenant_id    uuid                     not null,
    post_id      uuid                     not null,
    author_kind  varchar(16)              not null,
    author_id    uuid,
    author_name  varchar(320),
    body         varchar(2000)            not null,
    created_at   timestamp with time zone not null,
    constraint fk_post_comments_post foreign key (tenant_id, post_id)
        references posts (tenant_id, id) on delete cascade
);
create index ix_post_comments_post on post_comments (tenant_id, post_id, id);

create table approval_share_links (
    id               uuid                     not null primary key,
    tenant_id        uuid                     not null,
    post_id          uuid                     not null,
    token_sha256     varchar(64)              not null,
    label            varchar(100),
    created_by_kind  varchar(16)              not null,
    created_by_id    uuid,
    expires_at       timestamp with time zone not null,
    revoked_at       timestamp with time zone,
    used_at          timestamp with time zone,
    used_action      varchar(32),
    used_comment     varchar(2000),
    created_at       timestamp with time zone not null,
    constraint uq_approval_share_links_token unique (token_sha256),
    constraint fk_approval_share_links_post foreign key (tenant_id, post_id)
        references posts (tenant_id, id) on delete cascade
);
create index ix_approval_share_links_post on approval_share_links (tenant_id, post_id, id);
