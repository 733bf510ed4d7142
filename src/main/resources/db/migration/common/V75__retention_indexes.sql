-- The daily retention purge finds old rows by time, across tenants.
create index ix_post_attempts_started on post_attempts (started_at);
create index ix_engagement_snapshots_captured on engagement_snapshots (captured_at);
create index ix_generated_captions_created on generated_captions (created_at);
create index ix_token_refresh_history_created on token_refresh_history (created_at);
