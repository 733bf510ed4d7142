-- One post, many networks: the post the owner writes (caption, media, time) and one delivery per target account,
-- each with its own state machine and attempts. Every row of post_history becomes a delivery with the same id;
-- rows of one group that still share their time and caption become one post, whose id is the lowest id among them
-- (rows of a group that had drifted apart, rescheduled or reworded one by one, become posts of their own, so no
-- time or caption is lost). Attempts, platform ids, permalinks and engagement snapshots move to the deliveries.

create table posts (
    id            uuid                     not null primary key,
    tenant_id     uuid                     not null references tenants (id) on delete cascade,
    caption       varchar,
    scheduled_for timestamp with time zone not null,
    quota_day     date,
    status        varchar(32)              not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    version       bigint                   not null default 0,
    constraint uq_posts_tenant_id unique (tenant_id, id),
    constraint ck_posts_status check (status in ('scheduled', 'publishing', 'published', 'partially_published',
                                                 'failed', 'cancelled', 'held'))
);
create index ix_posts_tenant_scheduled on posts (tenant_id, scheduled_for);
create index ix_posts_tenant_status on posts (tenant_id, status);

create table post_deliveries (
    id                   uuid                     not null primary key,
    tenant_id            uuid                     not null,
    post_id              uuid                     not null,
    account_id           uuid                     not null,
    platform             varchar(16)              not null,
    position             integer                  not null,
    caption              varchar,
    status               varchar(32)              not null,
    due_at               timestamp with time zone not null,
    platform_post_id     varchar(128),
    permalink            varchar(2048),
    posted_at            timestamp with time zone,
    error_code           varchar(64),
    error_message        varchar(2000),
    published_late       boolean                  not null default false,
    engagement_likes     integer                  not null default 0,
    engagement_comments  integer                  not null default 0,
    engagement_synced_at timestamp with time zone,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint uq_post_deliveries_tenant_id unique (tenant_id, id),
    constraint uq_post_deliveries_position unique (post_id, position),
    constraint fk_post_deliveries_post foreign key (tenant_id, post_id)
        references posts (tenant_id, id) on delete cascade,
    constraint fk_post_deliveries_account foreign key (tenant_id, account_id)
        references social_accounts (tenant_id, id) on delete cascade,
    constraint ck_post_deliveries_status check (status in ('scheduled', 'publishing', 'retrying', 'published',
                                                           'failed', 'cancelled', 'held'))
);
create index ix_post_deliveries_post on post_deliveries (tenant_id, post_id);
create index ix_post_deliveries_due on post_deliveries (status, due_at);
create index ix_post_deliveries_account on post_deliveries (tenant_id, account_id, status);
create index ix_post_deliveries_posted on post_deliveries (status, posted_at);

-- Which post each old row belongs to.
create table post_history_to_posts (
    delivery_id uuid not null primary key,
    post_id     uuid not null
);
insert into post_history_to_posts (delivery_id, post_id)
select h.id,
       (select cast(min(cast(o.id as varchar(36))) as uuid) from post_history o
        where o.tenant_id = h.tenant_id
          and coalesce(o.group_id, o.id) = coalesce(h.group_id, h.id)
          and o.scheduled_for is not distinct from h.scheduled_for
          and o.caption is not distinct from h.caption)
from post_history h;

-- A post's status is derived from its deliveries below; 'scheduled' until then.
insert into posts (id, tenant_id, caption, scheduled_for, quota_day, status, created_at, updated_at, version)
select h.id, h.tenant_id, h.caption, coalesce(h.scheduled_for, h.created_at), h.quota_day, 'scheduled',
       h.created_at, h.updated_at, 0
from post_history h
where h.id in (select post_id from post_history_to_posts);

-- 'draft' was never written by the application; such a row waits for the owner (held) rather than going out.
insert into post_deliveries (id, tenant_id, post_id, account_id, platform, position, caption, status, due_at,
                             platform_post_id, permalink, posted_at, error_code, error_message, published_late,
                             engagement_likes, engagement_comments, engagement_synced_at, created_at, updated_at)
select h.id, h.tenant_id, m.post_id, h.account_id, h.platform,
       (select count(*) from post_history_to_posts s where s.post_id = m.post_id and s.delivery_id < m.delivery_id),
       null, case h.status when 'draft' then 'held' else h.status end,
       coalesce(h.scheduled_for, h.created_at), h.platform_post_id, h.permalink, h.posted_at, h.error_code,
       h.error_message, h.published_late, h.engagement_likes, h.engagement_comments, h.engagement_synced_at,
       h.created_at, h.updated_at
from post_history h
join post_history_to_posts m on m.delivery_id = h.id;

update posts set status = case
    when exists (select 1 from post_deliveries d where d.post_id = posts.id
                 and d.status in ('publishing', 'retrying')) then 'publishing'
    when exists (select 1 from post_deliveries d where d.post_id = posts.id and d.status = 'held') then 'held'
    when exists (select 1 from post_deliveries d where d.post_id = posts.id and d.status = 'scheduled')
        then 'scheduled'
    when exists (select 1 from post_deliveries d where d.post_id = posts.id and d.status = 'published')
         and exists (select 1 from post_deliveries d where d.post_id = posts.id and d.status = 'failed')
        then 'partially_published'
    when exists (select 1 from post_deliveries d where d.post_id = posts.id and d.status = 'published')
        then 'published'
    when exists (select 1 from post_deliveries d where d.post_id = posts.id and d.status = 'failed') then 'failed'
    else 'cancelled' end;

-- The media of a post: those of the row its id came from. Deleting an asset is refused while a delivery still has
-- to publish it; a finished post lets it go (cascade) instead of stopping the delete.
create table post_assets (
    tenant_id uuid    not null,
    post_id   uuid    not null,
    position  integer not null,
    asset_id  uuid    not null,
    primary key (post_id, position),
    constraint fk_post_assets_post foreign key (tenant_id, post_id)
        references posts (tenant_id, id) on delete cascade,
    constraint fk_post_assets_asset foreign key (tenant_id, asset_id)
        references brand_assets (tenant_id, id) on delete cascade
);
insert into post_assets (tenant_id, post_id, position, asset_id)
select m.tenant_id, m.post_id, m.position, m.asset_id
from post_media m
where m.post_id in (select id from posts);
drop table post_media;
alter table post_assets rename to post_media;
create index ix_post_media_of_asset on post_media (tenant_id, asset_id);

-- Attempts belong to deliveries (same ids as the rows they were made for).
alter table post_attempts add column delivery_id uuid;
update post_attempts set delivery_id = post_id;
alter table post_attempts drop constraint fk_post_attempts_post;
alter table post_attempts drop constraint uq_post_attempts_no;
alter table post_attempts drop column post_id;
alter table post_attempts alter column delivery_id set not null;
alter table post_attempts add constraint uq_post_attempts_delivery_no unique (delivery_id, attempt_no);
alter table post_attempts add constraint fk_post_attempts_delivery foreign key (tenant_id, delivery_id)
    references post_deliveries (tenant_id, id) on delete cascade;

-- Engagement snapshots too.
alter table engagement_snapshots add column delivery_id uuid;
update engagement_snapshots set delivery_id = post_id;
alter table engagement_snapshots drop constraint fk_engagement_snapshots_post;
drop index ix_engagement_snapshots_post;
alter table engagement_snapshots drop column post_id;
alter table engagement_snapshots alter column delivery_id set not null;
alter table engagement_snapshots add constraint fk_engagement_snapshots_delivery foreign key (tenant_id, delivery_id)
    references post_deliveries (tenant_id, id) on delete cascade;
create index ix_engagement_snapshots_delivery on engagement_snapshots (tenant_id, delivery_id, captured_at);

drop table post_history_to_posts;
drop table post_history;

-- Idempotency-Key of any tenant's POST (shared web code, no longer the posts module's): the hash of the request
-- the key was first used with, and the first response (status, content type, body) to answer a replay with.
-- Keys of post creation live a day: those in flight are not carried over (their bodies have the old shape).
drop table post_idempotency_keys;
create table idempotency_keys (
    tenant_id             uuid                     not null references tenants (id) on delete cascade,
    idem_key              varchar(255)             not null,
    request_hash          varchar(64)              not null,
    response_status       integer,
    response_content_type varchar(255),
    response_body         bytea,
    created_at            timestamp with time zone not null,
    primary key (tenant_id, idem_key)
);
create index ix_idempotency_keys_created on idempotency_keys (created_at);
