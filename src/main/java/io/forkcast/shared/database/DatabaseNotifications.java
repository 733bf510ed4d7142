package io.forkcast.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * On PostgreSQL, hears what any instance sends with {@code NOTIFY} (or {@code pg_notify}) on one channel: PostgreSQL
 * delivers a notification when the sending transaction commits, and only then. One connection of the pool listens,
 * on a thread of its own; when it breaks, the listener connects again, and says so ({@link Listener#deaf()},
 * {@link Listener#listening()}), since anything sent meanwhile is lost.
 */
public final class DatabaseNotifications implements AutoCloseable {

    /** What a listener is told. Called on the listening thread. */
    public interface Listener {

        /** Listening from now on (at first, and again after a break): what was sent before is not heard. */
        void listening();

        /** The payloads of the notifications received together, in the order they were sent. */
        void received(List<String> payloads);

        /** The listening connection broke: notifications are lost until {@link #listening()} again. */
        default void deaf() {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);
    private static final int RECEIVE_TIMEOUT_MILLIS = 500;
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final String channel;
    private final String what;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running = true;

    private DatabaseNotifications(DataSource dataSource, String channel, String what, Listener listener) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.what = what;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name(channel).unstarted(this::listen);
    }

    /**
     * Listens on {@code channel} (a plain identifier) when the database is PostgreSQL; {@code null} on any other,
     * where one instance hears itself. {@code what} names what is heard, for the log ("due jobs").
     */
    public static DatabaseNotifications startIfPostgres(DataSource dataSource, String channel, String what,
            Listener listener) {
        if (!isPostgres(dataSource, what)) {
            return null;
        }
        DatabaseNotifications notifications = new DatabaseNotifications(dataSource, channel, what, listener);
        notifications.thread.start();
        return notifications;
    }

    /** Whether the database is PostgreSQL, where notifications are heard; {@code what} is for the log. */
    public static boolean isPostgres(DataSource dataSource, String what) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            log.warn("Could not tell which database this is ({}); not listening for {}", e.getClass().getSimpleName(),
                    what);
            return false;
        }
    }

    private void listen() {
        boolean failedBefore = false;
        while (running) {
            Connection connection = null;
            try {
                connection = dataSource.getConnection();
                // LISTEN takes effect when its transaction commits: outside one, at once.
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + channel);
                }
                if (failedBefore) {
                    log.info("Listening for {} again", what);
                    failedBefore = false;
                }
                listener.listening();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(RECEIVE_TIMEOUT_MILLIS);
                    if (received != null && received.length > 0) {
                        List<String> payloads = new ArrayList<>(received.length);
                        for (PGNotification notification : received) {
                            payloads.add(notification.getParameter());
                        }
                        listener.received(payloads);
                    }
                }
                connection.close();
            } catch (SQLException | RuntimeException e) {
                discard(connection);
                listener.deaf();
                if (!running) {
                    return;
                }
                if (!failedBefore) {
                    log.warn("Listening for {} failed ({}); trying again", what, e.getClass().getSimpleName());
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

    /**
     * Takes a connection that failed out of the pool: the failure came through the driver's own interface, which the
     * pool does not see, so the pool would hand the broken connection to the next request.
     */
    private void discard(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            } else {
                connection.close();
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("Could not discard the listening connection: {}", e.getClass().getSimpleName());
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
