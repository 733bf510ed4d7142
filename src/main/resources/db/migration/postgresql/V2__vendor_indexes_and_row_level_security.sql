-- PostgreSQL only: partial indexes for the queries the background jobs run, and row-level security.

-- Token health job: tokens that expire, soonest first.
create index ix_oauth_tokens_expires on oauth_tokens (expires_at) where expires_at is not null;
-- Publisher sweep: scheduled posts that are due (a small slice of a large table).
create index ix_post_history_due on post_history (scheduled_for) where status = 'scheduled';
create index ix_post_history_tenant_status on post_history (tenant_id, status, scheduled_for);
-- Subtree queries on folders (path like '/Dishes/%').
create index ix_brand_folders_path_prefix on brand_folders (tenant_id, path varchar_pattern_ops);

-- Row-level security, defence in depth behind the tenant filter of every repository query.
-- The application connects as ${app_role}, which owns nothing, so the policies apply to it. Each transaction
-- sets app.tenant_id (one tenant) or app.cross_tenant = 'on' (the operator, a platform job, the API key lookup);
-- with neither, tenant-owned tables look empty.
do $$
begin
    if not exists (select from pg_roles where rolname = '${app_role}') then
        create role ${app_role} login;
    end if;
end
$$;

grant usage on schema ${flyway:defaultSchema} to ${app_role};
grant select, insert, update, delete on all tables in schema ${flyway:defaultSchema} to ${app_role};
revoke all on ${flyway:defaultSchema}.${flyway:table} from ${app_role};
alter default privileges in schema ${flyway:defaultSchema}
    grant select, insert, update, delete on tables to ${app_role};

alter table tenants enable row level security;
create policy tenant_isolation on tenants
    using (current_setting('app.cross_tenant', true) = 'on'
           or id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (current_setting('app.cross_tenant', true) = 'on'
           or id = nullif(current_setting('app.tenant_id', true), '')::uuid);

create function forkcast_enable_tenant_isolation(table_name text) returns void language plpgsql as $fn$
begin
    execute format('alter table %I enable row level security', table_name);
    execute format($policy$
        create policy tenant_isolation on %I
            using (current_setting('app.cross_tenant', true) = 'on'
                   or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (current_setting('app.cross_tenant', true) = 'on'
                   or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
        $policy$, table_name);
end
$fn$;

select forkcast_enable_tenant_isolation(t)
from unnest(array['tenant_users', 'api_keys', 'social_accounts', 'oauth_tokens', 'token_refresh_history',
                  'post_history', 'brand_folders', 'brand_assets', 'oauth_state']) as t;
