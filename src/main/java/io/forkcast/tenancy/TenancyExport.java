package io.forkcast.tenancy;

import io.forkcast.shared.export.ExportPart;
import io.forkcast.shared.export.ExportTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tenancy module's share of a tenant's data export: the tenant with its settings, its users without password
 * hashes or invitation and reset tokens, its API keys without their secrets' hashes.
 */
@Configuration(proxyBeanMethods = false)
class TenancyExport {

    @Bean
    ExportPart tenantExport(ExportTables tables) {
        return tables.table("tenant/tenant.json", 10, "select * from tenants where id = ?");
    }

    @Bean
    ExportPart userExport(ExportTables tables) {
        return tables.table("tenant/users.json", 11, "select * from tenant_users where tenant_id = ? order by id",
                "password_hash", "invite_sha256", "invite_expires_at", "reset_sha256", "reset_expires_at");
    }

    @Bean
    ExportPart apiKeyExport(ExportTables tables) {
        return tables.table("tenant/api_keys.json", 12, "select * from api_keys where tenant_id = ? order by id",
                "secret_sha256");
    }
}
