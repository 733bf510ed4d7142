package io.forkcast.shared.jobs;

import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The application's pool as db-scheduler sees it. Inside a Spring transaction (a module scheduling a job while it
 * saves what the job is about) it hands out that transaction's connection, so both commit or roll back together.
 * Outside one (the runner's threads, a call from a plain method) it hands out a connection in auto-commit mode:
 * the pool runs with auto-commit off, and db-scheduler's client would otherwise never commit. The pool resets
 * auto-commit when the connection comes back.
 */
final class JobsDataSource extends DelegatingDataSource {

    private final TransactionAwareDataSourceProxy transactional;

    JobsDataSource(DataSource target) {
        super(target);
        this.transactional = new TransactionAwareDataSourceProxy(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return transactional.getConnection();
        }
        Connection connection = obtainTargetDataSource().getConnection();
        connection.setAutoCommit(true);
        return connection;
    }
}
