package io.forkcast.tenancy;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Starts every transaction by telling PostgreSQL whom it works for ({@code app.tenant_id}, or
 * {@code app.cross_tenant = on} for platform work), transaction-local, so the row-level security policies
 * of the tenant-owned tables apply. With no scope at all, those tables look empty: forgetting to say who you
 * are fails closed.
 */
class TenantScopedTransactionManager extends JpaTransactionManager {

    /** Tells PostgreSQL whom the current transaction works for; its two parameters are set by {@link #bindScope}. */
    static final String SET_SCOPE =
            "select set_config('app.tenant_id', ?, true), set_config('app.cross_tenant', ?, true)";

    private final boolean rowLevelSecurity;

    TenantScopedTransactionManager(EntityManagerFactory entityManagerFactory, boolean rowLevelSecurity) {
        super(entityManagerFactory);
        this.rowLevelSecurity = rowLevelSecurity;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        super.doBegin(transaction, definition);
        if (!rowLevelSecurity) {
            return;
        }
        ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(getDataSource());
        if (holder == null) {
            throw new CannotCreateTransactionException("No JDBC connection exposed by the JPA transaction");
        }
        Connection connection = holder.getConnection();
        try (PreparedStatement statement = connection.prepareStatement(SET_SCOPE)) {
            bindScope(statement);
            statement.execute();
        } catch (SQLException e) {
            doCleanupAfterCompletion(transaction);
            throw new CannotCreateTransactionException("Could not set the tenant scope of the transaction", e);
        }
    }

    /** Binds the current scope ({@link CurrentTenant}) to the first two parameters of {@link #SET_SCOPE}. */
    static void bindScope(PreparedStatement statement) throws SQLException {
        String tenant = "";
        String crossTenant = "off";
        switch (CurrentTenant.current()) {
            case CurrentTenant.TenantScope scope -> tenant = scope.tenantId().toString();
            case CurrentTenant.PlatformScope ignored -> crossTenant = "on";
            case null -> {
            }
        }
        statement.setString(1, tenant);
        statement.setString(2, crossTenant);
    }
}
