-- Row-level security on the tables of posts with deliveries (post_media was made anew) and the idempotency keys.
select forkcast_enable_tenant_isolation(t)
from unnest(array['posts', 'post_deliveries', 'post_media', 'idempotency_keys']) as t;
