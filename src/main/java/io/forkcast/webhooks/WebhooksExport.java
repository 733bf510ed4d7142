package io.forkcast.webhooks;

import io.forkcast.shared.export.ExportPart;
import io.forkcast.shared.export.ExportTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhooks' share of a tenant's data export: endpoints (never their secrets), messages and attempts. */
@Configuration(proxyBeanMethods = false)
class WebhooksExport {

    @Bean
    ExportPart webhookEndpointExport(ExportTables tables) {
        return tables.table("webhooks/endpoints.json", 60,
                "select * from webhook_endpoints where tenant_id = ? order by id", "secret_key_id", "secret_nonce",
                "secret_ciphertext", "previous_secret_key_id", "previous_secret_nonce", "previous_secret_ciphertext");
    }

    @Bean
    ExportPart webhookMessageExport(ExportTables tables) {
        return tables.table("webhooks/messages.json", 61,
                "select * from webhook_messages where tenant_id = ? order by id");
    }

    @Bean
    ExportPart webhookAttemptExport(ExportTables tables) {
        return tables.table("webhooks/attempts.json", 62,
                "select * from webhook_attempts where tenant_id = ? order by attempted_at, id");
    }
}
