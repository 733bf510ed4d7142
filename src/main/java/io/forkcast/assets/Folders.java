package io.forkcast.assets;

import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The folder tree of each tenant's library. Every change to the tree first locks the tenant's folders, so that a
 * rename, a move and a new subfolder never interleave (a move could otherwise create a cycle, or a new child keep
 * its parent's old path); renames and moves rewrite the whole subtree's paths in the same transaction.
 */
@Service
public class Folders {

    /** A folder in the tree, with the assets directly in it and in it and all its subfolders. */
    public record Node(BrandFolder folder, long assetCount, long totalAssetCount, List<Node> children) {
    }

    /** The whole tree: top-level folders, and the assets in no folder. */
    public record Tree(List<Node> folders, long unfiledAssetCount) {
    }

    private final BrandFolderRepository folders;
    private final BrandAssetRepository assets;
    private final Assets library;
    private final Tenants tenants;
    private final Clock clock;

    Folders(BrandFolderRepository folders, BrandAssetRepository assets, Assets library, Tenants tenants, Clock clock) {
        this.folders = folders;
        this.assets = assets;
        this.library = library;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Transactional
    public BrandFolder create(TenantId tenantId, NewFolder request) {
        UUID tenant = tenantId.value();
        requireTenant(tenantId);
        String name = AssetRules.folderName(request.name());
        folders.lockAll(tenant);
        String parentPath = "";
        if (request.parentId() != null) {
            parentPath = folders.findByTenantIdAndId(tenant, request.parentId())
                    .orElseThrow(() -> DomainException.notFound("Parent folder")).path();
        }
        String path = checkedPath(tenant, parentPath + "/" + name, name);
        try {
            return folders.saveAndFlush(new BrandFolder(Ids.newId(), tenant, request.parentId(), name, path,
                    clock.instant()));
        } catch (DataIntegrityViolationException e) {
            throw duplicate(name);
        }
    }

    @Transactional(readOnly = true)
    public BrandFolder get(TenantId tenantId, UUID folderId) {
        return folders.findByTenantIdAndId(tenantId.value(), folderId)
                .orElseThrow(() -> DomainException.notFound("Folder"));
    }

    @Transactional(readOnly = true)
    public CursorPage<BrandFolder> list(TenantId tenantId, PageRequest page) {
        requireTenant(tenantId);
        Limit limit = Limit.of(page.size() + 1);
        List<BrandFolder> rows = page.after() == null
                ? folders.findByTenantIdOrderByIdAsc(tenantId.value(), limit)
                : folders.findByTenantIdAndIdGreaterThanOrderByIdAsc(tenantId.value(), page.after(), limit);
        return CursorPage.of(rows, page.size(), BrandFolder::id, f -> f);
    }

    /** Renames and/or moves a folder; its whole subtree follows, in this one transaction. */
    @Transactional
    public BrandFolder change(TenantId tenantId, UUID folderId, FolderChanges changes) {
        UUID tenant = tenantId.value();
        folders.lockAll(tenant);
        BrandFolder folder = get(tenantId, folderId);
        String name = changes.name() == null ? folder.name() : AssetRules.folderName(changes.name());
        java.util.Optional<java.util.Optional<UUID>> parentChange = changes.parentChange();
        UUID parentId = parentChange.isPresent() ? parentChange.get().orElse(null) : folder.parentId();
        String parentPath = "";
        if (parentId != null) {
            BrandFolder parent = folders.findByTenantIdAndId(tenant, parentId)
                    .orElseThrow(() -> DomainException.notFound("Parent folder"));
            if (folder.contains(parent)) {
                throw DomainException.conflict("A folder cannot move into itself or one of its own subfolders.");
            }
            parentPath = parent.path();
        }
        String oldPath = folder.path();
        String newPath = parentPath + "/" + name;
        if (newPath.equals(oldPath) && java.util.Objects.equals(parentId, folder.parentId())) {
            return folder;
        }
        if (!newPath.equals(oldPath)) {
            checkedPath(tenant, newPath, name);
        }
        folder.relocate(parentId, name, newPath, clock.instant());
        try {
            folders.saveAndFlush(folder);
            folders.rewriteDescendantPaths(tenant, likeBelow(oldPath), newPath, oldPath.length() + 1);
        } catch (DataIntegrityViolationException e) {
            throw duplicate(name);
        }
        if (folders.findSubtree(tenant, newPath, likeBelow(newPath)).stream()
                .anyMatch(f -> f.path().length() > AssetRules.MAX_PATH)) {
            throw DomainException.conflict("The folder path would become longer than " + AssetRules.MAX_PATH
                    + " characters.");
        }
        return get(tenantId, folderId);
    }

    /**
     * Deletes a folder. A folder with subfolders or assets is refused (409) unless {@code recursive}: then it goes
     * with everything below it (refused as a whole if any of those assets is still in use).
     */
    @Transactional
    public void delete(TenantId tenantId, UUID folderId, boolean recursive) {
        UUID tenant = tenantId.value();
        folders.lockAll(tenant);
        BrandFolder folder = get(tenantId, folderId);
        List<BrandFolder> subtree = folders.findSubtree(tenant, folder.path(), likeBelow(folder.path()));
        List<BrandAsset> contained = assets.findByTenantIdAndFolderIdIn(tenant,
                subtree.stream().map(BrandFolder::id).toList());
        if (!recursive && (subtree.size() > 1 || !contained.isEmpty())) {
            throw DomainException.conflict("The folder is not empty (%d subfolders, %d assets); delete with "
                    .formatted(subtree.size() - 1, contained.size()) + "?recursive=true to delete its content too.");
        }
        library.refuseIfUsed(tenantId, contained);
        // The schema cascades from the folder to its subfolders, their assets and their tags.
        folders.delete(folder);
        folders.flush();
        library.deleteFilesAfterCommit(tenantId, contained);
    }

    @Transactional(readOnly = true)
    public Tree tree(TenantId tenantId) {
        UUID tenant = tenantId.value();
        requireTenant(tenantId);
        Map<UUID, Long> direct = new HashMap<>();
        for (Object[] row : assets.countByFolder(tenant)) {
            direct.put((UUID) row[0], ((Number) row[1]).longValue());
        }
        List<BrandFolder> all = folders.findByTenantIdOrderByPathAsc(tenant);
        Map<UUID, List<BrandFolder>> childrenOf = new LinkedHashMap<>();
        List<BrandFolder> roots = new ArrayList<>();
        for (BrandFolder folder : all) {
            if (folder.parentId() == null) {
                roots.add(folder);
            } else {
                childrenOf.computeIfAbsent(folder.parentId(), k -> new ArrayList<>()).add(folder);
            }
        }
        List<Node> nodes = roots.stream().map(root -> node(root, childrenOf, direct)).toList();
        return new Tree(nodes, assets.countByTenantIdAndFolderIdIsNull(tenant));
    }

    private static Node node(BrandFolder folder, Map<UUID, List<BrandFolder>> childrenOf, Map<UUID, Long> direct) {
        List<Node> children = childrenOf.getOrDefault(folder.id(), List.of()).stream()
                .map(child -> node(child, childrenOf, direct)).toList();
        long own = direct.getOrDefault(folder.id(), 0L);
        long total = own + children.stream().mapToLong(Node::totalAssetCount).sum();
        return new Node(folder, own, total, children);
    }

    private String checkedPath(UUID tenant, String path, String name) {
        if (path.length() > AssetRules.MAX_PATH) {
            throw DomainException.conflict("The folder path would be longer than " + AssetRules.MAX_PATH + " characters.");
        }
        if (folders.existsByTenantIdAndPath(tenant, path)) {
            throw duplicate(name);
        }
        return path;
    }

    private void requireTenant(TenantId tenantId) {
        if (tenants.find(tenantId).isEmpty()) {
            throw DomainException.notFound("Tenant");
        }
    }

    private static DomainException duplicate(String name) {
        return DomainException.conflict("A folder named '" + name + "' already exists there.");
    }

    /** The LIKE pattern of every path strictly below {@code path}. */
    static String likeBelow(String path) {
        return Assets.escapeLike(path) + "/%";
    }
}
