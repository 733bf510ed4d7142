-- Every instance listens on channel forkcast_job_due: a job scheduled or moved by any instance (or by hand) sends
-- its time there when its transaction commits, and each instance's job runner wakes at that time instead of its
-- next polling tick. Claiming a job is unchanged (db-scheduler's update or select ... for update skip locked), so
-- one instance runs it. A claim, a heartbeat or a finished run sends nothing.
create function scheduled_tasks_notify_due() returns trigger language plpgsql as $$
begin
  perform pg_notify('forkcast_job_due', ceil(extract(epoch from new.execution_time) * 1000)::bigint::text);
  return null;
end
$$;

create trigger scheduled_tasks_due_on_insert
  after insert on scheduled_tasks
  for each row when (not new.picked)
  execute function scheduled_tasks_notify_due();

create trigger scheduled_tasks_due_on_update
  after update of execution_time, picked on scheduled_tasks
  for each row when (not new.picked and (old.picked or old.execution_time <> new.execution_time))
  execute function scheduled_tasks_notify_due();
