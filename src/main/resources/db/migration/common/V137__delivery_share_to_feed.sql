-- Whether an Instagram Reel also shows in the account's feed grid (Instagram's share_to_feed); null for every other
-- format and network, which offer no such choice. Reels created before this column went out shared to the feed.
alter table post_deliveries add column share_to_feed boolean;
update post_deliveries set share_to_feed = true where platform = 'instagram' and format = 'reel';
