package io.forkcast.listing;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.forkcast.accounts.AccountId;
import io.forkcast.captions.MenuChanged;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.annotation.Propagation;

import java.time.Instant;
import java.util.UUID;

/**
 * The menu sync job: one db-scheduler execution per Google location (instance id = account id, data = tenant id),
 * so two instances never write one location's menu at once, and a menu change while one is due joins it. A run
 * that dies mid-call is picked up again by db-scheduler; writing the whole menu again is harmless.
 */
@Configuration(proxyBeanMethods = false)
class MenuSyncJob {

    static final String NAME = "google-menu-sync";
    static final TaskDescriptor<String> TASK = TaskDescriptor.of(NAME, String.class);

    static TaskInstance<String> instance(UUID accountId, UUID tenantId) {
        return TASK.instance(accountId.toString()).data(tenantId.toString()).build();
    }

    @Bean
    CustomTask<String> googleMenuSyncTask(GoogleMenuSync sync, CurrentTenant currentTenant) {
        return Tasks.custom(TASK).execute((instance, context) -> {
            TenantId tenantId = new TenantId(UUID.fromString(instance.getData()));
            Instant again = currentTenant.callAsTenant(tenantId, null, () -> sync.runJob(tenantId,
                    new AccountId(UUID.fromString(instance.getId()))));
            if (again == null) {
                return new CompletionHandler.OnCompleteRemove<>();
            }
            return (complete, operations) -> operations.reschedule(complete, again);
        });
    }

    @Bean
    MenuChangeListener menuChangeListener(GoogleMenuSync sync, CurrentTenant currentTenant) {
        return new MenuChangeListener(sync, currentTenant);
    }

    /** Hears the captions module's menu changes (through the event publication registry: none is lost). */
    static class MenuChangeListener {

        private final GoogleMenuSync sync;
        private final CurrentTenant currentTenant;

        MenuChangeListener(GoogleMenuSync sync, CurrentTenant currentTenant) {
            this.sync = sync;
            this.currentTenant = currentTenant;
        }

        @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
        void on(MenuChanged changed) {
            currentTenant.callAsTenant(changed.tenantId(), null, () -> {
                sync.menuChanged(changed.tenantId());
                return null;
            });
        }
    }
}
