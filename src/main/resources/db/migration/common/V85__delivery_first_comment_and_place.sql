-- A delivery's first comment (posted by its own job right after the delivery is published, exactly once) and the
-- place it is tagged at (a Facebook Page with a location: Instagram's location_id, Facebook's place).
-- first_comment_status: pending (waits for the delivery), posting (recorded before the call: an unknown outcome
-- until it ends), retrying, posted, failed.
alter table post_deliveries add column first_comment varchar(8000);
alter table post_deliveries add column first_comment_status varchar(16);
alter table post_deliveries add column first_comment_id varchar(128);
alter table post_deliveries add column first_comment_error varchar(1000);
alter table post_deliveries add column first_comment_tries integer not null default 0;
alter table post_deliveries add column first_comment_at timestamp with time zone;
alter table post_deliveries add column place_id varchar(64);
alter table post_deliveries add constraint ck_post_deliveries_first_comment_status
    check (first_comment_status in ('pending', 'posting', 'retrying', 'posted', 'failed'));
