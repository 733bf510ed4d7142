-- The restaurant's Google listing beyond its posts: the food menu's sync state per location, the location's reviews
-- (with the owner's reply as Google shows it and the drafted reply awaiting approval) and its daily metrics from the
-- Business Profile Performance API. Rows go with the tenant (cascade); the account id is the connected location's.
create table google_menu_syncs (
    tenant_id     uuid                     not null references tenants (id) on delete cascade,
    account_id    uuid                     not null,
    status        varchar(16)              not null,
    item_count    integer,
    error         varchar(1000),
    requested_at  timestamp with time zone,
    attempted_at  timestamp with time zone,
    synced_at     timestamp with time zone,
    constraint pk_google_menu_syncs primary key (tenant_id, account_id),
    constraint ck_google_menu_syncs_status check (status in ('pending', 'synced', 'failed'))
);

create table google_reviews (
    id                 uuid                     not null primary key,
    tenant_id          uuid                     not null references tenants (id) on delete cascade,
    account_id         uuid                     not null,
    review_name        varchar(300)             not null,
    reviewer_name      varchar(200),
    stars              integer                  not null,
    review_comment     varchar(10000),
    reviewed_at        timestamp with time zone,
    review_updated_at  timestamp with time zone,
    reply              varchar(4096),
    replied_at         timestamp with time zone,
    draft              varchar(4096),
    draft_writer       varchar(32),
    fetched_at         timestamp with time zone not null,
    constraint uq_google_reviews_name unique (tenant_id, review_name),
    constraint ck_google_reviews_stars check (stars between 0 and 5)
);
create index ix_google_reviews_tenant on google_reviews (tenant_id, reviewed_at);

create table google_daily_metrics (
    tenant_id     uuid                     not null references tenants (id) on delete cascade,
    account_id    uuid                     not null,
    metric_day    date                     not null,
    metric        varchar(64)              not null,
    metric_value  bigint                   not null,
    fetched_at    timestamp with time zone not null,
    constraint pk_google_daily_metrics primary key (tenant_id, account_id, metric_day, metric)
);
