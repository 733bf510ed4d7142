package io.forkcast.posts.web;

import io.forkcast.posts.PostImport;
import io.forkcast.posts.PostImports;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.util.UUID;

@Tag(name = "Posts")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/posts/imports")
class PostImportController {

    private final PostImports imports;

    PostImportController(PostImports imports) {
        this.imports = imports;
    }

    /**
     * Imports posts from a CSV file (UTF-8, a header row naming the columns date, time, targets, caption and, if
     * wanted, media, format, intent). With {@code dry_run=true} nothing is created: the answer lists every row's
     * problems. Otherwise the rows without a problem are created in one go (all of them or none; 201), and the same
     * file uploaded again creates nothing and answers the first import (200, {@code already_imported}).
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<PostImport> importFile(@PathVariable UUID tenantId,
            @Parameter(description = "the CSV file") @RequestPart("file") MultipartFile file,
            @Parameter(description = "only check the file: create nothing")
            @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun) throws IOException {
        if (file.getSize() > imports.maxBytes()) {
            throw new DomainException(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than "
                    + imports.maxBytes() / 1024 + " KB; split it into smaller files.");
        }
        if (file.isEmpty()) {
            throw new InvalidFieldException("file", "The file is empty.");
        }
        PostImport result = imports.importFile(new TenantId(tenantId), file.getOriginalFilename(), file.getBytes(),
                dryRun);
        boolean created = !result.dryRun() && !result.alreadyImported();
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(result);
    }
}
