-- Row-level security on the Google listing tables (defined in V111).
select forkcast_enable_tenant_isolation(t)
from unnest(array['google_menu_syncs', 'google_reviews', 'google_daily_metrics']) as t;
