-- Row-level security on the approvals tables.
select forkcast_enable_tenant_isolation(t)
from unnest(array['approval_settings', 'approval_records', 'post_comments', 'approval_share_links']) as t;
