package io.forkcast.accounts;

import io.forkcast.shared.export.ExportPart;
import io.forkcast.shared.export.ExportTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The accounts module's share of a tenant's data export: the connected accounts and the history of their token
 * checks. Tokens ({@code oauth_tokens}) and OAuth states are never exported, sealed or not.
 */
@Configuration(proxyBeanMethods = false)
class AccountsExport {

    @Bean
    ExportPart accountExport(ExportTables tables) {
        return tables.table("accounts/accounts.json", 40,
                "select * from social_accounts where tenant_id = ? order by id");
    }

    @Bean
    ExportPart tokenCheckExport(ExportTables tables) {
        return tables.table("accounts/token_checks.json", 41,
                "select * from token_refresh_history where tenant_id = ? order by id", "token_id");
    }
}
