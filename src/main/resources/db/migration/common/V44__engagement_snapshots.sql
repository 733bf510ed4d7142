-- Engagement of published posts over time: one row per sync of a post.
create table engagement_snapshots (
    id          uuid                     not null primary key,
    tenant_id   uuid                     not null,
    post_id     uuid                     not null,
    captured_at timestamp with time zone not null,
    likes       integer                  not null,
    comments    integer                  not null,
    shares      integer,
    constraint fk_engagement_snapshots_post foreign key (tenant_id, post_id)
        references post_history (tenant_id, id) on delete cascade
);
create index ix_engagement_snapshots_post on engagement_snapshots (tenant_id, post_id, captured_at);
