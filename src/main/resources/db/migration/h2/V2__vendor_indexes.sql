-- H2 has neither partial indexes nor row-level security: plain indexes stand in for PostgreSQL's partial ones.
create index ix_oauth_tokens_expires on oauth_tokens (expires_at);
create index ix_post_history_due on post_history (status, scheduled_for);
create index ix_post_history_tenant_status on post_history (tenant_id, status, scheduled_for);
