-- The menu's daily life (captions module): whether an item can be ordered now, and its season.
alter table menu_items add column availability varchar(16) not null default 'available';
alter table menu_items add column sold_out_until timestamp with time zone;
alter table menu_items add column season_from date;
alter table menu_items add column season_to date;
alter table menu_items add constraint ck_menu_items_availability check (availability in ('available', 'sold_out'));
alter table menu_items add constraint ck_menu_items_season check (
    (season_from is null and season_to is null) or (season_from is not null and season_to is not null
        and season_from <= season_to));

-- Autopilot (autopilot module). Every row belongs to a tenant and goes with it (on delete cascade).

-- At most one row per tenant: when the day's specials are drafted (local time, the tenant's time zone), whether
-- they are published directly, where the restaurant is (its public holidays), how far ahead "coming up" looks.
create table autopilot_settings (
    tenant_id      uuid                     not null primary key references tenants (id) on delete cascade,
    specials_time  time                     not null,
    specials_mode  varchar(16)              not null,
    country        varchar(2),
    region         varchar(16),
    coming_up_days integer                  not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    version        bigint                   not null default 0,
    constraint ck_autopilot_settings_mode check (specials_mode in ('draft', 'publish')),
    constraint ck_autopilot_settings_days check (coming_up_days between 1 and 60)
);

-- A menu item on special on a date; drafted once (draft_id) when the day's specials time comes. menu_item_id keeps
-- no foreign key, as on posts: removing an item leaves its past specials readable.
create table daily_specials (
    id           uuid                     not null primary key,
    tenant_id    uuid                     not null references tenants (id) on delete cascade,
    special_date date                     not null,
    menu_item_id uuid                     not null,
    asset_id     uuid,
    draft_id     uuid,
    created_at   timestamp with time zone not null,
    constraint uq_daily_specials_item unique (tenant_id, special_date, menu_item_id)
);
create index ix_daily_specials_date on daily_specials (tenant_id, special_date);

-- The restaurant's own occasions (an anniversary, a tasting night), beside the public holidays.
create table restaurant_events (
    id         uuid                     not null primary key,
    tenant_id  uuid                     not null references tenants (id) on delete cascade,
    name       varchar(100)             not null,
    event_date date                     not null,
    note       varchar(500),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    version    bigint                   not null default 0
);
create index ix_restaurant_events_date on restaurant_events (tenant_id, event_date);

-- A post written by autopilot, waiting for the owner: a daily special's or an occasion's. Approved, it becomes an
-- ordinary post (post_id); dismissed, it stays for the record.
create table autopilot_drafts (
    id           uuid                     not null primary key,
    tenant_id    uuid                     not null references tenants (id) on delete cascade,
    kind         varchar(16)              not null,
    for_date     date                     not null,
    menu_item_id uuid,
    occasion     varchar(100),
    caption      varchar(5000)            not null,
    asset_ids    ${json_type}             not null,
    status       varchar(16)              not null,
    post_id      uuid,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null,
    version      bigint                   not null default 0,
    constraint ck_autopilot_drafts_kind check (kind in ('special', 'occasion')),
    constraint ck_autopilot_drafts_status check (status in ('pending', 'published', 'dismissed'))
);
create index ix_autopilot_drafts_status on autopilot_drafts (tenant_id, status, for_date);
