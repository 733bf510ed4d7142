-- Approvals: where a post stands with the owner's approval, and the two statuses it adds (a draft sent back for
-- changes, a post waiting for approval). Existing posts never needed one.
alter table posts add column approval varchar(32) default 'none' not null;
alter table posts drop constraint ck_posts_status;
alter table posts add constraint ck_posts_status check (status in ('scheduled', 'publishing', 'published',
    'partially_published', 'failed', 'cancelled', 'held', 'draft', 'pending_approval'));
alter table posts add constraint ck_posts_approval check (approval in ('none', 'draft', 'pending_approval',
    'approved', 'rejected'));
create index ix_posts_tenant_approval on posts (tenant_id, approval);
