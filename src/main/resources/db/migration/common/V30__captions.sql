-- Captions module: the restaurant's profile, its menu items, the captions generated for it and its daily
-- generation count and token usage. Every table is tenant-owned; deleting a tenant deletes its rows.

-- At most one profile per tenant; a tenant without one reads as the defaults.
create table restaurant_profiles (
    tenant_id          uuid                     not null primary key references tenants (id) on delete cascade,
    name               varchar(200),
    cuisine            varchar(100),
    description        varchar(2000),
    city               varchar(100),
    voice              varchar(16)              not null,
    signature_hashtags ${json_type}             not null,
    banned_words       ${json_type}             not null,
    default_language   varchar(16)              not null,
    emoji_level        varchar(16)              not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    version            bigint                   not null default 0,
    constraint ck_restaurant_profiles_voice check (voice in ('FRIENDLY', 'UPSCALE', 'PLAYFUL', 'CASUAL', 'FESTIVE')),
    constraint ck_restaurant_profiles_emoji check (emoji_level in ('NONE', 'LOW', 'HIGH'))
);

-- Asset ids are stored as given (a JSON array of UUIDs): the assets module owns assets, not this one.
create table menu_items (
    id           uuid                     not null primary key,
    tenant_id    uuid                     not null references tenants (id) on delete cascade,
    name         varchar(200)             not null,
    description  varchar(2000),
    price        numeric(12, 2),
    currency     varchar(3),
    dietary_tags ${json_type}             not null,
    seasonal     boolean                  not null default false,
    asset_ids    ${json_type}             not null,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null,
    version      bigint                   not null default 0,
    constraint uq_menu_items_tenant_id unique (tenant_id, id),
    constraint ck_menu_items_price check (price is null or (price >= 0 and currency is not null))
);
create index ix_menu_items_tenant on menu_items (tenant_id, id);

-- Every caption variant returned to a client: they count as "recent" for anti-repetition. menu_item_id is
-- kept without a foreign key on purpose: a caption outlives the item it was written for.
create table generated_captions (
    id                  uuid                     not null primary key,
    tenant_id           uuid                     not null references tenants (id) on delete cascade,
    menu_item_id        uuid,
    item_name           varchar(200)             not null,
    platform            varchar(16)              not null,
    tone                varchar(16)              not null,
    language            varchar(16)              not null,
    caption_text        varchar                  not null,
    hashtags            ${json_type}             not null,
    writer              varchar(32)              not null,
    model               varchar(100)             not null,
    max_similarity      double precision         not null,
    similar_to          varchar(100),
    too_similar         boolean                  not null,
    attempts            integer                  not null,
    created_at          timestamp with time zone not null,
    constraint uq_generated_captions_tenant_id unique (tenant_id, id)
);
create index ix_generated_captions_recent on generated_captions (tenant_id, created_at);

-- One row per tenant and day (the tenant's own calendar day): generations counted against the plan's daily cap,
-- and the tokens the provider billed.
create table caption_usage (
    tenant_id         uuid    not null references tenants (id) on delete cascade,
    usage_day         date    not null,
    generations       integer not null default 0,
    prompt_tokens     bigint  not null default 0,
    completion_tokens bigint  not null default 0,
    primary key (tenant_id, usage_day)
);
