package io.forkcast.posts;

import io.forkcast.shared.export.ExportPart;
import io.forkcast.shared.export.ExportTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The posts module's share of a tenant's data export: posts, their deliveries, attempts, media and engagement. */
@Configuration(proxyBeanMethods = false)
class PostsExport {

    @Bean
    ExportPart postExport(ExportTables tables) {
        return tables.table("posts/posts.json", 50, "select * from posts where tenant_id = ? order by id");
    }

    @Bean
    ExportPart deliveryExport(ExportTables tables) {
        return tables.table("posts/deliveries.json", 51,
                "select * from post_deliveries where tenant_id = ? order by id");
    }

    @Bean
    ExportPart attemptExport(ExportTables tables) {
        return tables.table("posts/attempts.json", 52, "select * from post_attempts where tenant_id = ? order by id");
    }

    @Bean
    ExportPart postMediaExport(ExportTables tables) {
        return tables.table("posts/media.json", 53,
                "select * from post_media where tenant_id = ? order by post_id, position");
    }

    @Bean
    ExportPart engagementExport(ExportTables tables) {
        return tables.table("posts/engagement_snapshots.json", 54,
                "select * from engagement_snapshots where tenant_id = ? order by id");
    }

    @Bean
    ExportPart postImportExport(ExportTables tables) {
        return tables.table("posts/imports.json", 55,
                "select * from post_imports where tenant_id = ? order by created_at, id");
    }
}
