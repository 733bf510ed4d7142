-- Idempotency-Key of post creation keeps the first response (status and body bytes) to answer a replay with;
-- keys are forgotten after a day.
alter table post_idempotency_keys add column response_status integer;
alter table post_idempotency_keys add column response_body bytea;
create index ix_post_idempotency_keys_created on post_idempotency_keys (created_at);
-- The key is claimed before the posts (and their group) exist.
alter table post_idempotency_keys alter column group_id drop not null;
