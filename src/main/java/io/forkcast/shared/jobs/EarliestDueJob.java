package io.forkcast.shared.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The earliest job in {@code scheduled_tasks} that no instance claimed yet and whose time is after a given instant:
 * one index range scan on {@code execution_time}. When the database does not answer, none (the runner then looks at
 * its polling tick, as it would anyway).
 */
final class EarliestDueJob implements NextDueWaiter.EarliestDue {

    private static final Logger log = LoggerFactory.getLogger(EarliestDueJob.class);

    private static final String QUERY =
            "select min(execution_time) from scheduled_tasks where picked = false and execution_time > ?";

    private final DataSource dataSource;

    EarliestDueJob(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Instant> after(Instant instant) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setObject(1, instant.atOffset(ZoneOffset.UTC));
            try (ResultSet result = statement.executeQuery()) {
                OffsetDateTime earliest = result.next() ? result.getObject(1, OffsetDateTime.class) : null;
                return Optional.ofNullable(earliest).map(OffsetDateTime::toInstant);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not read the next due job's time ({}); looking again at the next polling tick",
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
