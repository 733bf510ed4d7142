-- Row-level security on the webhook tables.
select forkcast_enable_tenant_isolation(t)
from unnest(array['webhook_endpoints', 'webhook_messages', 'webhook_attempts']) as t;
