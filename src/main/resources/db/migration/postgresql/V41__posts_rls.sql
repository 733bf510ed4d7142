-- Row-level security on the posts module's tenant-owned tables.
select forkcast_enable_tenant_isolation(t)
from unnest(array['post_media', 'post_attempts', 'post_day_counters']) as t;
