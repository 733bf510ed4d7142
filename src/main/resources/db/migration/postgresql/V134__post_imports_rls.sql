-- Row-level security on the CSV imports of posts.
select forkcast_enable_tenant_isolation('post_imports');
