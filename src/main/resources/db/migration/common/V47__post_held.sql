-- A post that would go out too late is held for the owner when the late policy says so.
alter table post_history drop constraint ck_post_history_status;
alter table post_history add constraint ck_post_history_status
    check (status in ('draft', 'scheduled', 'publishing', 'retrying', 'published', 'failed', 'cancelled', 'held'));
