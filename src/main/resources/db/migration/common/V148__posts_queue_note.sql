-- Why a queued post kept a time that is no longer one of its posting slots (no free slot to move it to); cleared
-- when the queue moves it or the owner gives it a time.
alter table posts add column queue_note varchar(500);
