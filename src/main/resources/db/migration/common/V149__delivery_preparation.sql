-- What was sent to the network ahead of a delivery's time, so that only the last step is left at the time: the
-- Instagram container, or the Facebook Page's unpublished photos (comma-separated ids, in order); what they were made
-- from (a digest of the account, media, words and options: a delivery changed since no longer matches it); and when.
-- Written by the publish job only (never by the post's own saves), and used only while it matches.
alter table post_deliveries add column prepared_media varchar(2000);
alter table post_deliveries add column prepared_for varchar(64);
alter table post_deliveries add column prepared_at timestamp with time zone;
