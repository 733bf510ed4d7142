-- Each delivery chooses where on its network it appears: the feed (as before), a Reel or a Story.
alter table post_deliveries add column format varchar(16) default 'feed' not null;
alter table post_deliveries add constraint ck_post_deliveries_format check (format in ('feed', 'reel', 'story'));
