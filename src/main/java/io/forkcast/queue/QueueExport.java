package io.forkcast.queue;

import io.forkcast.shared.export.ExportPart;
import io.forkcast.shared.export.ExportTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The queue module's share of a tenant's data export: posting slots, recurrences and their occurrences. */
@Configuration(proxyBeanMethods = false)
class QueueExport {

    @Bean
    ExportPart postingSlotExport(ExportTables tables) {
        return tables.table("queue/posting_slots.json", 70,
                "select * from posting_slots where tenant_id = ? order by account_id, weekday, local_time");
    }

    @Bean
    ExportPart recurrenceExport(ExportTables tables) {
        return tables.table("queue/recurrences.json", 71, "select * from recurrences where tenant_id = ? order by id");
    }

    @Bean
    ExportPart recurrenceOccurrenceExport(ExportTables tables) {
        return tables.table("queue/recurrence_occurrences.json", 72,
                "select * from recurrence_occurrences where tenant_id = ? order by recurrence_id, number");
    }
}
