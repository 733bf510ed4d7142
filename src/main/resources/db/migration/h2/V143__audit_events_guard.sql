-- H2's stand-in for V132 on PostgreSQL (H2 has no roles to revoke rights from): a row trigger refuses to update an
-- audit record, and to delete one unless its tenant is gone (the foreign key's cascade when the tenant is deleted) or
-- the retention purge asked for records older than a cutoff (it sets @forkcast_audit_purge_before for its own
-- statement and clears it after).
create trigger audit_events_guard before update, delete on audit_events for each row
    call 'io.forkcast.audit.internal.AuditEventsGuard';
