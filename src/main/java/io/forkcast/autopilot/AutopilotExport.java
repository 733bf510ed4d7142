package io.forkcast.autopilot;

import io.forkcast.shared.export.ExportPart;
import io.forkcast.shared.export.ExportTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The autopilot's share of a tenant's data export: settings, specials, own events, drafts (no secret columns). */
@Configuration(proxyBeanMethods = false)
class AutopilotExport {

    @Bean
    ExportPart autopilotSettingsExport(ExportTables tables) {
        return tables.table("autopilot/settings.json", 70, "select * from autopilot_settings where tenant_id = ?");
    }

    @Bean
    ExportPart dailySpecialsExport(ExportTables tables) {
        return tables.table("autopilot/daily_specials.json", 71,
                "select * from daily_specials where tenant_id = ? order by special_date, id");
    }

    @Bean
    ExportPart restaurantEventsExport(ExportTables tables) {
        return tables.table("autopilot/restaurant_events.json", 72,
                "select * from restaurant_events where tenant_id = ? order by event_date, id");
    }

    @Bean
    ExportPart autopilotDraftsExport(ExportTables tables) {
        return tables.table("autopilot/drafts.json", 73,
                "select * from autopilot_drafts where tenant_id = ? order by created_at, id");
    }
}
