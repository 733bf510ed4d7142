package io.forkcast.listing;

import io.forkcast.shared.export.ExportPart;
import io.forkcast.shared.export.ExportTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The listing's share of a tenant's data export: menu sync states, reviews with replies and drafts, daily figures. */
@Configuration(proxyBeanMethods = false)
class ListingExport {

    @Bean
    ExportPart googleMenuSyncExport(ExportTables tables) {
        return tables.table("google/menu_syncs.json", 60,
                "select * from google_menu_syncs where tenant_id = ? order by account_id");
    }

    @Bean
    ExportPart googleReviewsExport(ExportTables tables) {
        return tables.table("google/reviews.json", 61,
                "select * from google_reviews where tenant_id = ? order by reviewed_at, id");
    }

    @Bean
    ExportPart googleMetricsExport(ExportTables tables) {
        return tables.table("google/daily_metrics.json", 62,
                "select * from google_daily_metrics where tenant_id = ? order by account_id, metric_day, metric");
    }
}
