package io.forkcast.autopilot;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.forkcast.tenancy.TenantId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * The daily specials job: one db-scheduler execution per restaurant (instance id = tenant id), due at the
 * restaurant's specials time on its own calendar, which drafts (or publishes) that day's specials and then moves
 * itself to the same local time the next day. One execution per tenant, picked by one instance of a cluster at a
 * time; a run that is repeated drafts nothing twice (each special remembers its draft).
 */
@Configuration(proxyBeanMethods = false)
class SpecialsJob {

    static final TaskDescriptor<String> TASK = TaskDescriptor.of("autopilot-specials", String.class);

    static TaskInstance<String> instance(UUID tenantId) {
        return TASK.instance(tenantId.toString()).data(tenantId.toString()).build();
    }

    static TaskInstanceId id(UUID tenantId) {
        return TaskInstanceId.of(TASK.getTaskName(), tenantId.toString());
    }

    /**
     * The first moment after {@code after} that the restaurant's clocks show {@code time}, on its calendar days. A
     * time that does not exist on a day (the spring-forward gap) falls just after the gap, as the clocks show it; a
     * time that comes twice (the autumn overlap) counts once, at its first occurrence.
     */
    static Instant next(Instant after, ZoneId zone, LocalTime time) {
        LocalDate day = after.atZone(zone).toLocalDate();
        while (true) {
            Instant at = ZonedDateTime.of(day, time, zone).toInstant();
            if (at.isAfter(after)) {
                return at;
            }
            day = day.plusDays(1);
        }
    }

    /** Queues (or moves) the restaurant's next run. */
    static void schedule(SchedulerClient jobs, UUID tenantId, Instant at) {
        TaskInstanceId job = id(tenantId);
        if (jobs.getScheduledExecution(job).filter(e -> !e.isPicked()).isPresent()) {
            jobs.reschedule(job, at);
        } else {
            jobs.scheduleIfNotExists(instance(tenantId), at);
        }
    }

    @Bean
    CustomTask<String> autopilotSpecialsTask(ObjectProvider<Autopilot> autopilot) {
        // Looked up when it runs: the autopilot needs the scheduler, which needs this task.
        return Tasks.custom(TASK).execute((instance, context) -> {
            Instant due = context.getExecution().executionTime;
            Instant next = autopilot.getObject().runSpecials(new TenantId(UUID.fromString(instance.getData())), due);
            if (next == null) {
                return new CompletionHandler.OnCompleteRemove<>();
            }
            return (complete, operations) -> operations.reschedule(complete, next);
        });
    }
}
