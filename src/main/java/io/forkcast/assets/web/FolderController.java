package io.forkcast.assets.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.forkcast.assets.BrandFolder;
import io.forkcast.assets.FolderChanges;
import io.forkcast.assets.Folders;
import io.forkcast.assets.NewFolder;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Tag(name = "Folders", description = "The folder tree of the brand library.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/folders")
class FolderController {

    record FolderResponse(UUID id, UUID parentId, String name, String path, Instant createdAt, Instant updatedAt) {

        static FolderResponse of(BrandFolder folder) {
            return new FolderResponse(folder.id(), folder.parentId(), folder.name(), folder.path(), folder.createdAt(),
                    folder.updatedAt());
        }
    }

    record NodeResponse(UUID id, String name, String path, long assetCount, long totalAssetCount,
            List<NodeResponse> children) {

        static NodeResponse of(Folders.Node node) {
            return new NodeResponse(node.folder().id(), node.folder().name(), node.folder().path(), node.assetCount(),
                    node.totalAssetCount(), node.children().stream().map(NodeResponse::of).toList());
        }
    }

    record TreeResponse(List<NodeResponse> folders, long unfiledAssetCount) {
    }

    private final Folders folders;

    FolderController(Folders folders) {
        this.folders = folders;
    }

    @GetMapping
    CursorPage<FolderResponse> list(@PathVariable UUID tenantId, @Valid PageRequest page) {
        CursorPage<BrandFolder> found = folders.list(new TenantId(tenantId), page);
        return new CursorPage<>(found.items().stream().map(FolderResponse::of).toList(), found.nextCursor());
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    ResponseEntity<FolderResponse> create(@PathVariable UUID tenantId, @Valid @RequestBody NewFolder folder) {
        BrandFolder created = folders.create(new TenantId(tenantId), folder);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(created.id()).toUri()).body(FolderResponse.of(created));
    }

    /** The whole hierarchy with asset counts (direct and including subfolders). */
    @GetMapping("/tree")
    TreeResponse getFolderTree(@PathVariable UUID tenantId) {
        Folders.Tree tree = folders.tree(new TenantId(tenantId));
        return new TreeResponse(tree.folders().stream().map(NodeResponse::of).toList(), tree.unfiledAssetCount());
    }

    @GetMapping("/{folderId}")
    FolderResponse get(@PathVariable UUID tenantId, @PathVariable UUID folderId) {
        return FolderResponse.of(folders.get(new TenantId(tenantId), folderId));
    }

    @PatchMapping("/{folderId}")
    FolderResponse change(@PathVariable UUID tenantId, @PathVariable UUID folderId,
            @Valid @RequestBody FolderChanges changes) {
        return FolderResponse.of(folders.change(new TenantId(tenantId), folderId, changes));
    }

    @DeleteMapping("/{folderId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID tenantId, @PathVariable UUID folderId,
            @RequestParam(name = "recursive", defaultValue = "false") boolean recursive) {
        folders.delete(new TenantId(tenantId), folderId, recursive);
    }
}
