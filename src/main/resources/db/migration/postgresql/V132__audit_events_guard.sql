-- Row-level security on the audit trail, and its records made unchangeable by the application: its role may read
-- and add rows, never update or delete them. Deleting the tenant still removes them (the foreign key's cascade runs
-- as the table's owner), and the retention purge goes through the function below, which runs as the owner and
-- deletes only rows older than the cutoff it is given.
select forkcast_enable_tenant_isolation('audit_events');
revoke update, delete, truncate on audit_events from ${app_role};

create function forkcast_purge_audit_events(cutoff timestamp with time zone, batch integer) returns integer
    language plpgsql security definer set search_path = ${flyway:defaultSchema} as $fn$
declare
    deleted integer;
begin
    delete from audit_events where id in (
        select id from audit_events where occurred_at < cutoff limit batch);
    get diagnostics deleted = row_count;
    return deleted;
end
$fn$;
revoke all on function forkcast_purge_audit_events(timestamp with time zone, integer) from public;
grant execute on function forkcast_purge_audit_events(timestamp with time zone, integer) to ${app_role};
