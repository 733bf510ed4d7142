-- Brand asset library: where each asset's bytes are stored (the original and its two derivatives), its alt text,
-- and its tags in a table of their own so that tag filters and tag counts are indexed queries.
-- brand_assets.tags (JSON) stays the asset's tag list as the seed has it; brand_asset_tags mirrors it.
alter table brand_assets add column alt_text varchar(1000);
alter table brand_assets add column original_key varchar(512);
alter table brand_assets add column thumbnail_key varchar(512);
alter table brand_assets add column instagram_key varchar(512);

create index ix_brand_assets_filename on brand_assets (tenant_id, filename, id);

create table brand_asset_tags (
    tenant_id uuid        not null,
    asset_id  uuid        not null,
    tag       varchar(50) not null,
    constraint pk_brand_asset_tags primary key (tenant_id, asset_id, tag),
    constraint fk_brand_asset_tags_asset foreign key (tenant_id, asset_id)
        references brand_assets (tenant_id, id) on delete cascade
);
create index ix_brand_asset_tags_tag on brand_asset_tags (tenant_id, tag, asset_id);
