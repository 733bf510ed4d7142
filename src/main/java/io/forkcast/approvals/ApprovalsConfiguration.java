package io.forkcast.approvals;

import io.forkcast.shared.export.ExportPart;
import io.forkcast.shared.export.ExportTables;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The approvals' settings, and their share of a tenant's data export: the setting, the approval records, the
 * comments and the share links (never their tokens' hashes).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApprovalsProperties.class)
class ApprovalsConfiguration {

    @Bean
    ExportPart approvalSettingsExport(ExportTables tables) {
        return tables.table("approvals/settings.json", 70,
                "select * from approval_settings where tenant_id = ?");
    }

    @Bean
    ExportPart approvalRecordsExport(ExportTables tables) {
        return tables.table("approvals/records.json", 71,
                "select * from approval_records where tenant_id = ? order by id");
    }

    @Bean
    ExportPart postCommentsExport(ExportTables tables) {
        return tables.table("approvals/comments.json", 72,
                "select * from post_comments where tenant_id = ? order by id");
    }

    @Bean
    ExportPart shareLinksExport(ExportTables tables) {
        return tables.table("approvals/share-links.json", 73,
                "select * from approval_share_links where tenant_id = ? order by id", "token_sha256");
    }
}
