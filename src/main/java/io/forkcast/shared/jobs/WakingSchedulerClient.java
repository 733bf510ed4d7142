package io.forkcast.shared.jobs;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * db-scheduler's client, telling this instance's runner of every job it schedules or moves (db-scheduler's own
 * client has no listeners), so that the runner wakes at the job's time.
 */
final class WakingSchedulerClient implements SchedulerClient {

    private final SchedulerClient delegate;
    private final DueJobAlarm alarm;

    WakingSchedulerClient(SchedulerClient delegate, DueJobAlarm alarm) {
        this.delegate = delegate;
        this.alarm = alarm;
    }

    private boolean scheduled(boolean done, Instant at) {
        if (done) {
            alarm.scheduled(at);
        }
        return done;
    }

    @Override
    public <T> boolean schedule(TaskInstance<T> taskInstance, Instant executionTime, ScheduleOptions options) {
        return scheduled(delegate.schedule(taskInstance, executionTime, options), executionTime);
    }

    @Override
    public <T> boolean schedule(SchedulableInstance<T> schedulableInstance, ScheduleOptions options) {
        return scheduled(delegate.schedule(schedulableInstance, options), executionTimeOf(schedulableInstance));
    }

    @Override
    public <T> void schedule(TaskInstance<T> taskInstance, Instant executionTime) {
        delegate.schedule(taskInstance, executionTime);
        alarm.scheduled(executionTime);
    }

    @Override
    public <T> void schedule(SchedulableInstance<T> schedulableInstance) {
        delegate.schedule(schedulableInstance);
        alarm.scheduled(executionTimeOf(schedulableInstance));
    }

    @Override
    public <T> boolean scheduleIfNotExists(TaskInstance<T> taskInstance, Instant executionTime) {
        return scheduled(delegate.scheduleIfNotExists(taskInstance, executionTime), executionTime);
    }

    @Override
    public <T> boolean scheduleIfNotExists(SchedulableInstance<T> schedulableInstance) {
        return scheduled(delegate.scheduleIfNotExists(schedulableInstance), executionTimeOf(schedulableInstance));
    }

    @Override
    public void scheduleBatch(List<TaskInstance<?>> taskInstances, Instant executionTime) {
        delegate.scheduleBatch(taskInstances, executionTime);
        alarm.scheduled(executionTime);
    }

    @Override
    public void scheduleBatch(List<SchedulableInstance<?>> schedulableInstances) {
        delegate.scheduleBatch(schedulableInstances);
        schedulableInstances.stream().map(WakingSchedulerClient::executionTimeOf).min(Instant::compareTo)
                .ifPresent(alarm::scheduled);
    }

    @Override
    public boolean reschedule(TaskInstanceId taskInstanceId, Instant newExecutionTime) {
        return scheduled(delegate.reschedule(taskInstanceId, newExecutionTime), newExecutionTime);
    }

    @Override
    public <T> boolean reschedule(TaskInstanceId taskInstanceId, Instant newExecutionTime, T newData) {
        return scheduled(delegate.reschedule(taskInstanceId, newExecutionTime, newData), newExecutionTime);
    }

    @Override
    public <T> boolean reschedule(SchedulableInstance<T> schedulableInstance) {
        return scheduled(delegate.reschedule(schedulableInstance), executionTimeOf(schedulableInstance));
    }

    /** The instance's own time; "now" when it has none (the time comes from its task's schedule). */
    private static Instant executionTimeOf(SchedulableInstance<?> instance) {
        return instance.getNextExecutionTime(Instant.now());
    }

    @Override
    public void cancel(TaskInstanceId taskInstanceId) {
        delegate.cancel(taskInstanceId);
    }

    @Override
    public void fetchScheduledExecutions(Consumer<ScheduledExecution<Object>> consumer) {
        delegate.fetchScheduledExecutions(consumer);
    }

    @Override
    public void fetchScheduledExecutions(ScheduledExecutionsFilter filter, Consumer<ScheduledExecution<Object>> consumer) {
        delegate.fetchScheduledExecutions(filter, consumer);
    }

    @Override
    public <T> void fetchScheduledExecutionsForTask(String taskName, Class<T> dataClass,
            Consumer<ScheduledExecution<T>> consumer) {
        delegate.fetchScheduledExecutionsForTask(taskName, dataClass, consumer);
    }

    @Override
    public <T> void fetchScheduledExecutionsForTask(String taskName, Class<T> dataClass,
            ScheduledExecutionsFilter filter, Consumer<ScheduledExecution<T>> consumer) {
        delegate.fetchScheduledExecutionsForTask(taskName, dataClass, filter, consumer);
    }

    @Override
    public Optional<ScheduledExecution<Object>> getScheduledExecution(TaskInstanceId taskInstanceId) {
        return delegate.getScheduledExecution(taskInstanceId);
    }
}
