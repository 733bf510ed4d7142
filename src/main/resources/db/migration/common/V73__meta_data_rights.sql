-- The Meta user (app-scoped id, from debug_token) whose consent an account was connected with: the deauthorize and
-- data deletion callbacks name that user, in every tenant. Cleared when Meta asks for the user's data to be deleted.
alter table social_accounts add column meta_user_id varchar(64);
create index ix_social_accounts_meta_user on social_accounts (meta_user_id);

-- Meta's data deletion requests, one per Meta user, across tenants (not tenant-owned): what was deleted and when,
-- under the confirmation code Meta shows the user. The user is kept only as a SHA-256 of the app-scoped id, enough
-- to answer a repeated request with the same code.
create table meta_data_deletions (
    confirmation_code varchar(32)              not null primary key,
    meta_user_sha256  varchar(64)              not null,
    requested_at      timestamp with time zone not null,
    completed_at      timestamp with time zone not null,
    accounts_cleared  integer                  not null,
    tokens_deleted    integer                  not null,
    history_deleted   integer                  not null,
    tenants_affected  integer                  not null,
    constraint uq_meta_data_deletions_user unique (meta_user_sha256)
);
