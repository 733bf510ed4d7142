-- Row-level security on the tag table, as on every tenant-owned table.
select forkcast_enable_tenant_isolation('brand_asset_tags');
