-- Publishing: the post state machine gains "retrying"; a late post is flagged; the ordered assets of a post;
-- every publish attempt; the posts/day counter of each tenant's calendar day.
alter table post_history drop constraint ck_post_history_status;
alter table post_history add constraint ck_post_history_status
    check (status in ('draft', 'scheduled', 'publishing', 'retrying', 'published', 'failed', 'cancelled'));
alter table post_history add column published_late boolean not null default false;
alter table post_history add column attempt_count integer not null default 0;
alter table post_history add column quota_day date;
create index ix_post_history_status_due on post_history (status, scheduled_for);

create table post_media (
    tenant_id uuid    not null,
    post_id   uuid    not null,
    position  integer not null,
    asset_id  uuid    not null,
    primary key (post_id, position),
    constraint fk_post_media_post foreign key (tenant_id, post_id)
        references post_history (tenant_id, id) on delete cascade,
    constraint fk_post_media_asset foreign key (tenant_id, asset_id)
        references brand_assets (tenant_id, id)
);
create index ix_post_media_asset on post_media (tenant_id, asset_id);

-- outcome: pending (recorded before the Graph call; still pending after a crash means "unknown"),
-- published, transient, failed, reconciled (found already published on the platform).
create table post_attempts (
    id           uuid                     not null primary key,
    tenant_id    uuid                     not null,
    post_id      uuid                     not null,
    attempt_no   integer                  not null,
    started_at   timestamp with time zone not null,
    finished_at  timestamp with time zone,
    outcome      varchar(32)              not null,
    error_code   varchar(64),
    error_message varchar(2000),
    container_id varchar(128),
    constraint uq_post_attempts_no unique (post_id, attempt_no),
    constraint fk_post_attempts_post foreign key (tenant_id, post_id)
        references post_history (tenant_id, id) on delete cascade
);

create table post_day_counters (
    tenant_id uuid    not null references tenants (id) on delete cascade,
    post_day  date    not null,
    used      integer not null default 0,
    primary key (tenant_id, post_day)
);
