package io.forkcast.captions;

import io.forkcast.shared.export.ExportPart;
import io.forkcast.shared.export.ExportTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The captions module's share of a tenant's data export: restaurant profile, opening hours, menu, generated captions, usage. */
@Configuration(proxyBeanMethods = false)
class CaptionsExport {

    @Bean
    ExportPart profileExport(ExportTables tables) {
        return tables.table("captions/restaurant_profile.json", 20,
                "select * from restaurant_profiles where tenant_id = ?");
    }

    @Bean
    ExportPart menuExport(ExportTables tables) {
        return tables.table("captions/menu_items.json", 21, "select * from menu_items where tenant_id = ? order by id");
    }

    @Bean
    ExportPart openingHoursExport(ExportTables tables) {
        return tables.table("captions/opening_hours.json", 24,
                "select * from opening_hours where tenant_id = ?");
    }

    @Bean
    ExportPart captionExport(ExportTables tables) {
        return tables.table("captions/generated_captions.json", 22,
                "select * from generated_captions where tenant_id = ? order by id");
    }

    @Bean
    ExportPart captionUsageExport(ExportTables tables) {
        return tables.table("captions/usage.json", 23,
                "select * from caption_usage where tenant_id = ? order by usage_day");
    }
}
