package io.forkcast.shared.jobs;

import io.forkcast.shared.database.DatabaseNotifications;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;

/**
 * On PostgreSQL, hears of every job any instance (or anyone) schedules or moves: a trigger on
 * {@code scheduled_tasks} (migration V58) sends its time on channel {@value #CHANNEL} when the transaction commits,
 * and this instance's runner wakes at that time. When the listening connection breaks, jobs of other instances are
 * found at the next polling tick; once it listens again, the runner looks at the table (it may have missed
 * something).
 */
final class DueJobNotifications implements AutoCloseable {

    static final String CHANNEL = "forkcast_job_due";

    private final DatabaseNotifications notifications;

    private DueJobNotifications(DatabaseNotifications notifications) {
        this.notifications = notifications;
    }

    /** Listens when the database is PostgreSQL; {@code null} on any other (one instance: it hears itself). */
    static DueJobNotifications startIfPostgres(DataSource dataSource, DueJobAlarm alarm) {
        DatabaseNotifications notifications = DatabaseNotifications.startIfPostgres(dataSource, CHANNEL, "due jobs",
                new DatabaseNotifications.Listener() {
                    @Override
                    public void listening() {
                        // Jobs scheduled before the listening began (or while it was broken) are found in the table.
                        alarm.checkNow();
                    }

                    @Override
                    public void received(List<String> payloads) {
                        Instant earliest = null;
                        for (String payload : payloads) {
                            Instant due = Instant.ofEpochMilli(Long.parseLong(payload));
                            earliest = earliest == null || due.isBefore(earliest) ? due : earliest;
                        }
                        alarm.dueAt(earliest);
                    }
                });
        return notifications == null ? null : new DueJobNotifications(notifications);
    }

    @Override
    public void close() {
        notifications.close();
    }
}
