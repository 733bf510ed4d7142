package io.forkcast.assets;

import io.forkcast.shared.export.ExportArchive;
import io.forkcast.shared.export.ExportPart;
import io.forkcast.shared.export.ExportTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/**
 * The asset library's share of a tenant's data export: folders, assets and their tags as JSON, and each asset's
 * original file under {@code assets/files/<asset id>/<file name>}.
 */
@Configuration(proxyBeanMethods = false)
class AssetsExport {

    static final String FILES = "assets/files/";

    @Bean
    ExportPart folderExport(ExportTables tables) {
        return tables.table("assets/folders.json", 30, "select * from brand_folders where tenant_id = ? order by id");
    }

    @Bean
    ExportPart assetExport(ExportTables tables) {
        return tables.table("assets/assets.json", 31, "select * from brand_assets where tenant_id = ? order by id");
    }

    @Bean
    ExportPart assetTagExport(ExportTables tables) {
        return tables.table("assets/tags.json", 32,
                "select * from brand_asset_tags where tenant_id = ? order by asset_id, tag");
    }

    @Bean
    ExportPart assetFileExport(ExportTables tables, MediaStore store) {
        return new ExportPart() {
            @Override
            public String path() {
                return FILES;
            }

            @Override
            public int order() {
                return 33;
            }

            @Override
            public void write(UUID tenantId, ExportArchive archive) throws IOException {
                tables.forEachRow("select id, filename, original_key from brand_assets where tenant_id = ? "
                        + "order by id", tenantId, asset -> {
                    String key = (String) asset.get("original_key");
                    Optional<InputStream> file = key == null ? Optional.empty() : store.open(key);
                    if (file.isEmpty()) {
                        return; // a file lost from the store: the asset's row still says what it was
                    }
                    try (InputStream content = file.get()) {
                        archive.file(FILES + asset.get("id") + "/" + fileName((String) asset.get("filename")),
                                content);
                    }
                });
            }
        };
    }

    /** The stored file name without any folder part, so that an entry never points outside its folder. */
    static String fileName(String name) {
        String base = name == null ? "" : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        base = base.replace("..", "_").strip();
        return base.isEmpty() ? "original" : base;
    }
}
