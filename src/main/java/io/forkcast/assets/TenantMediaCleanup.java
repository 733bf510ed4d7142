package io.forkcast.assets;

import io.forkcast.tenancy.TenantDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.io.IOException;

/**
 * A deleted tenant's rows go by the schema's cascades; its stored files go here, once the deletion has
 * committed: every key of a tenant shares one prefix.
 */
@Component
class TenantMediaCleanup {

    private static final Logger log = LoggerFactory.getLogger(TenantMediaCleanup.class);

    private final MediaStore store;

    TenantMediaCleanup(MediaStore store) {
        this.store = store;
    }

    @TransactionalEventListener
    void on(TenantDeleted event) {
        try {
            store.deleteAll(AssetRules.tenantPrefix(event.tenantId().value()));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete the stored media of deleted tenant {}: {}", event.tenantId(), e.toString());
        }
    }
}
