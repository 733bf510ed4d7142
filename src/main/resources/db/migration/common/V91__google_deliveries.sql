-- A delivery to a Google Business Profile location keeps its post fields (type, button, offer or event) and the
-- post's state at Google (PROCESSING, LIVE, REJECTED) once published.
alter table post_deliveries add column google_post ${json_type};
alter table post_deliveries add column platform_state varchar(32);
