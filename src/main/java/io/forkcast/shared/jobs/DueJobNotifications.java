package io.forkcast.shared.jobs;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * On PostgreSQL, hears of every job any instance (or anyone) schedules or moves: a trigger on
 * {@code scheduled_tasks} (migration V58) sends its time on channel {@value #CHANNEL} when the transaction commits,
 * and this instance's runner wakes at that time. One connection of the pool listens, on a thread of its own; when
 * it breaks, the listener connects again and has the runner look at the table (it may have missed something).
 */
final class DueJobNotifications implements AutoCloseable {

    static final String CHANNEL = "forkcast_job_due";

    private static final Logger log = LoggerFactory.getLogger(DueJobNotifications.class);
    private static final int RECEIVE_TIMEOUT_MILLIS = 500;
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final DueJobAlarm alarm;
    private final Thread thread;
    private volatile boolean running = true;

    private DueJobNotifications(DataSource dataSource, DueJobAlarm alarm) {
        this.dataSource = dataSource;
        this.alarm = alarm;
        this.thread = Thread.ofPlatform().daemon().name("jobs-due-notifications").unstarted(this::listen);
    }

    /** Listens when the database is PostgreSQL; {@code null} on any other (one instance: it hears itself). */
    static DueJobNotifications startIfPostgres(DataSource dataSource, DueJobAlarm alarm) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(PGConnection.class)) {
                return null;
            }
        } catch (SQLException e) {
            log.warn("Could not tell which database holds the jobs ({}); not listening for due jobs",
                    e.getClass().getSimpleName());
            return null;
        }
        DueJobNotifications notifications = new DueJobNotifications(dataSource, alarm);
        notifications.thread.start();
        return notifications;
    }

    private void listen() {
        boolean failedBefore = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                if (failedBefore) {
                    log.info("Listening for due jobs again");
                    failedBefore = false;
                }
                // Jobs scheduled before the listening began (or while it was broken) are found in the table.
                alarm.checkNow();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(RECEIVE_TIMEOUT_MILLIS);
                    if (received == null) {
                        continue;
                    }
                    Instant earliest = null;
                    for (PGNotification notification : received) {
                        Instant due = Instant.ofEpochMilli(Long.parseLong(notification.getParameter()));
                        earliest = earliest == null || due.isBefore(earliest) ? due : earliest;
                    }
                    if (earliest != null) {
                        alarm.dueAt(earliest);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failedBefore) {
                    log.warn("Listening for due jobs failed ({}); jobs of other instances are found at the next "
                            + "polling tick until it works again", e.getClass().getSimpleName());
                    failedBefore = true;
                }
                try {
                    Thread.sleep(RECONNECT_DELAY);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofMillis(RECEIVE_TIMEOUT_MILLIS * 4L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
