-- The restaurant's place: a Facebook Page with a location, tagged on Instagram and Facebook posts by default.
-- Stored on the profile row (tenant-owned, already under row-level security on PostgreSQL).
alter table restaurant_profiles add column place_page_id varchar(64);
alter table restaurant_profiles add column place_name varchar(200);
alter table restaurant_profiles add column place_address varchar(400);
