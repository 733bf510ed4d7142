package io.forkcast.audit;

import io.forkcast.shared.export.ExportPart;
import io.forkcast.shared.export.ExportTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail's share of a tenant's data export: every record it still keeps (they hold no secret). */
@Configuration(proxyBeanMethods = false)
class AuditExport {

    @Bean
    ExportPart auditEventExport(ExportTables tables) {
        return tables.table("audit/events.json", 70, "select * from audit_events where tenant_id = ? order by id");
    }
}
