-- Row-level security on the captions module's tenant-owned tables (defined in V2).
select forkcast_enable_tenant_isolation(t)
from unnest(array['restaurant_profiles', 'menu_items', 'generated_captions', 'caption_usage']) as t;
