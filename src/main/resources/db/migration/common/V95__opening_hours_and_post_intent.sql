-- Restaurant autopilot: the restaurant's opening hours (captions module), and what a post asks of its readers and
-- which menu item it is about (posts module).

-- At most one row per tenant; a tenant without one has unknown hours. The week and the dated exceptions are
-- small JSON arrays, read and replaced whole.
create table opening_hours (
    tenant_id  uuid                     not null primary key references tenants (id) on delete cascade,
    weekly     ${json_type}             not null,
    exceptions ${json_type}             not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    version    bigint                   not null default 0
);

-- menu_item_id is kept without a foreign key, as on generated captions: a published post outlives the item.
alter table posts add column intent varchar(16) not null default 'general';
alter table posts add column menu_item_id uuid;
alter table posts add constraint ck_posts_intent check (intent in ('visit', 'order', 'event', 'general'));
