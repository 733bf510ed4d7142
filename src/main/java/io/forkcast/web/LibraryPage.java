package io.forkcast.web;

import io.forkcast.assets.AssetChanges;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.AssetVariant;
import io.forkcast.assets.Assets;
import io.forkcast.assets.BrandAsset;
import io.forkcast.assets.Folders;
import io.forkcast.assets.MediaUrls;
import io.forkcast.assets.NewAsset;
import io.forkcast.assets.NewFolder;
import io.forkcast.shared.CursorPage;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Library: the folder tree, drag-and-drop upload of several files with progress, a thumbnail grid with search by
 * name and tag, and one image's page with the Instagram-ready version beside the original, its tags, alt text
 * and folder.
 */
@Controller
@RequestMapping("/app/library")
class LibraryPage {

    /** An image as a grid card shows it. */
    record Card(BrandAsset asset, URI thumbnail) {
    }

    private final Assets assets;
    private final Folders folders;
    private final MediaUrls mediaUrls;

    LibraryPage(Assets assets, Folders folders, MediaUrls mediaUrls) {
        this.assets = assets;
        this.folders = folders;
        this.mediaUrls = mediaUrls;
    }

    @GetMapping
    String library(@ModelAttribute("me") UserSignIns.SignedInUser me,
            @RequestParam(name = "folder_id", required = false) UUID folderId,
            @RequestParam(name = "folder", required = false) UUID folderAlias, @RequestParam(required = false) String q,
            @RequestParam(required = false) String tag, @RequestParam(required = false) String cursor, Model model) {
        // folder_id, as the API names it; folder is what the pages linked to before, still in bookmarks.
        UUID folder = folderId != null ? folderId : folderAlias;
        String name = q == null || q.isBlank() ? null : q.strip();
        List<String> tags = tag == null || tag.isBlank() ? null : List.of(tag.strip());
        CursorPage<BrandAsset> page = assets.list(me.tenantId(),
                new Assets.Query(folder, folder != null, tags, null, name, null, null, null), 48, cursor);
        model.addAttribute("cards", cards(page.items()));
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("tree", folders.tree(me.tenantId()));
        model.addAttribute("folderOptions", folderOptions(me));
        model.addAttribute("folder", folder);
        model.addAttribute("currentFolder", folder == null ? null : folders.get(me.tenantId(), folder));
        model.addAttribute("q", name);
        model.addAttribute("tag", tag);
        model.addAttribute("tagCounts", assets.tags(me.tenantId()));
        return "app/library";
    }

    /** One file of a drag-and-drop upload (the page sends each file on its own, to show its progress). */
    @PostMapping("/upload")
    ModelAndView upload(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestPart("file") MultipartFile file,
            @RequestParam(name = "folder_id", required = false) UUID folderId,
            @RequestParam(required = false) String tags) {
        Assets.Upload upload = assets.upload(me.tenantId(),
                new NewAsset(file.getOriginalFilename(), folderId, FormInput.list(tags), null, null, null),
                file::getInputStream);
        ModelAndView card = new ModelAndView("app/library :: card");
        card.addObject("card", card(upload.asset()));
        card.addObject("duplicate", upload.duplicate());
        card.setStatus(upload.duplicate() ? HttpStatus.OK : HttpStatus.CREATED);
        return card;
    }

    @PostMapping("/folders")
    String newFolder(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestParam String name,
            @RequestParam(name = "parent_id", required = false) UUID parentId) {
        UUID created = folders.create(me.tenantId(), new NewFolder(name, parentId)).id();
        return "redirect:/app/library?folder_id=" + created;
    }

    @GetMapping("/assets/{assetId}")
    String asset(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID assetId, Model model) {
        BrandAsset asset = assets.get(me.tenantId(), new AssetId(assetId));
        model.addAttribute("asset", asset);
        model.addAttribute("original", mediaUrls.urlOf(asset, AssetVariant.ORIGINAL).url());
        model.addAttribute("instagram", mediaUrls.urlOf(asset, AssetVariant.INSTAGRAM).url());
        model.addAttribute("folderOptions", folderOptions(me));
        return "app/asset";
    }

    @PostMapping("/assets/{assetId}")
    String change(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID assetId,
            @RequestParam(defaultValue = "") String tags, @RequestParam(name = "alt_text", defaultValue = "") String altText,
            @RequestParam(name = "folder_id", defaultValue = "") String folderId, RedirectAttributes flash) {
        JsonNode folder = folderId.isBlank() ? JsonNodeFactory.instance.nullNode()
                : JsonNodeFactory.instance.stringNode(folderId);
        assets.change(me.tenantId(), new AssetId(assetId), new AssetChanges(null, folder, FormInput.list(tags), altText));
        flash.addFlashAttribute("notice", "Saved.");
        return "redirect:/app/library/assets/" + assetId;
    }

    @PostMapping("/assets/{assetId}/delete")
    String delete(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID assetId,
            RedirectAttributes flash) {
        assets.delete(me.tenantId(), new AssetId(assetId));
        flash.addFlashAttribute("warning", "Image deleted from the library.");
        return "redirect:/app/library";
    }

    List<Card> cards(List<BrandAsset> found) {
        return found.stream().map(this::card).toList();
    }

    private Card card(BrandAsset asset) {
        return new Card(asset, mediaUrls.urlOf(asset, AssetVariant.THUMBNAIL).url());
    }

    /** Every folder by its path, for the "move to" and "upload to" lists. */
    private List<io.forkcast.assets.BrandFolder> folderOptions(UserSignIns.SignedInUser me) {
        List<io.forkcast.assets.BrandFolder> all = new ArrayList<>();
        collect(folders.tree(me.tenantId()).folders(), all);
        return all;
    }

    private static void collect(List<Folders.Node> nodes, List<io.forkcast.assets.BrandFolder> into) {
        for (Folders.Node node : nodes) {
            into.add(node.folder());
            collect(node.children(), into);
        }
    }
}
