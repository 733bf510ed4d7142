-- The queue module: an account's weekly posting slots, and recurring posts with the occurrences they created.
-- A post the queue placed is not pinned: the queue may move it earlier; every other post is pinned to its time.
alter table posts add column pinned boolean not null default true;

-- One row per weekly slot of an account, a local time in the restaurant's time zone. Removed with the account.
create table posting_slots (
    id         uuid                     not null primary key,
    tenant_id  uuid                     not null references tenants (id) on delete cascade,
    account_id uuid                     not null,
    weekday    varchar(16)              not null,
    local_time time                     not null,
    created_at timestamp with time zone not null,
    constraint uq_posting_slots_time unique (tenant_id, account_id, weekday, local_time),
    constraint fk_posting_slots_account foreign key (tenant_id, account_id)
        references social_accounts (tenant_id, id) on delete cascade,
    constraint ck_posting_slots_weekday check (weekday in ('monday', 'tuesday', 'wednesday', 'thursday', 'friday',
                                                           'saturday', 'sunday'))
);

-- A recurring post: the rule (weekly on days, or every N days, at a local time, from a date, until a date or a
-- count), what each occurrence is made of (target accounts and photos as comma-separated ids, at most 20 each; the
-- subject for the caption writer), and the number of the next occurrence to create. The ids have no foreign key:
-- an occurrence for an account disconnected since is refused and the reason kept in last_error.
create table recurrences (
    id            uuid                     not null primary key,
    tenant_id     uuid                     not null references tenants (id) on delete cascade,
    status        varchar(16)              not null,
    kind          varchar(16)              not null,
    weekdays      varchar(100),
    every_days    integer,
    local_time    time                     not null,
    starts_on     date                     not null,
    until_date    date,
    max_count     integer,
    account_ids   varchar(800)             not null,
    asset_ids     varchar(800)             not null,
    intent        varchar(16)              not null,
    menu_item_id  uuid,
    subject       varchar(200),
    occasion      varchar(100),
    next_number   integer                  not null default 1,
    last_error    varchar(1000),
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    constraint uq_recurrences_tenant_id unique (tenant_id, id),
    constraint ck_recurrences_status check (status in ('active', 'paused', 'ended')),
    constraint ck_recurrences_kind check (kind in ('weekly', 'every_n_days'))
);
create index ix_recurrences_status on recurrences (status);

-- Each occurrence created, once: the primary key makes a second creation of the same number fail.
create table recurrence_occurrences (
    tenant_id     uuid                     not null,
    recurrence_id uuid                     not null,
    number        integer                  not null,
    post_id       uuid                     not null,
    due_at        timestamp with time zone not null,
    created_at    timestamp with time zone not null,
    constraint pk_recurrence_occurrences primary key (recurrence_id, number),
    constraint fk_recurrence_occurrences_recurrence foreign key (tenant_id, recurrence_id)
        references recurrences (tenant_id, id) on delete cascade
);
