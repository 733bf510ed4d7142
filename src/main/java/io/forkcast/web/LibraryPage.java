package io.forkcast.web;

import io.forkcast.assets.AssetChanges;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.AssetVariant;
import io.forkcast.assets.Assets;
import io.forkcast.assets.BrandAsset;
import io.forkcast.assets.Folders;
import io.forkcast.assets.MediaUrls;
import io.forkcast.assets.NewAsset;
import io.forkcast.assets.UploadedFile;
import io.forkcast.assets.NewFolder;
import io.forkcast.assets.VideoCover;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.CursorPage;
import io.forkcast.tenancy.UserSignIns;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Library: the folder tree, drag-and-drop upload of several photos and videos with progress, a thumbnail grid with
 * search by name and tag (a video as its poster with its duration), and one asset's page: a photo's Instagram-ready
 * version beside the original, a video's player with its poster and the choice of its cover (a frame or a photo of
 * the library), its tags, alt text and folder.
 */
@Controller
@RequestMapping("/app/library")
class LibraryPage {

    /** A photo or a video as a grid card shows it: its thumbnail (a video's poster) and a video's duration. */
    record Card(BrandAsset asset, URI thumbnail) {

        /** "0:42" for a video, null for a photo. */
        public String duration() {
            return asset.video() ? NetworkPreviews.duration(asset.facts().durationMillis()) : null;
        }
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

    /**
     * One file of a drag-and-drop upload (the page sends each file on its own, to show its progress), as the
     * request's body with its name and folder in the query: read as it arrives, without multipart parsing. Any
     * declared type is taken here: the content decides, and the owner reads why a file was refused.
     */
    @PostMapping(path = "/upload", consumes = "!" + MediaType.MULTIPART_FORM_DATA_VALUE)
    ModelAndView upload(@ModelAttribute("me") UserSignIns.SignedInUser me, HttpServletRequest request,
            @RequestParam(required = false) String filename,
            @RequestParam(name = "folder_id", required = false) UUID folderId,
            @RequestParam(required = false) String tags) {
        UploadedFile file = new UploadedFile(filename, request.getContentType(),
                request.getContentLengthLong(), request::getInputStream);
        Assets.Upload upload = assets.upload(me.tenantId(), file,
                new NewAsset(folderId, FormInput.list(tags), null, null, null));
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
        if (asset.video()) {
            model.addAttribute("duration", NetworkPreviews.duration(asset.facts().durationMillis()));
            model.addAttribute("durationSeconds", asset.facts().durationMillis() / 1000.0);
            UUID coverPhoto = NetworkPreviews.coverPhoto(asset);
            model.addAttribute("coverPhoto", coverPhoto);
            model.addAttribute("coverOffset", coverOffsetSeconds(asset));
            model.addAttribute("photos", assets.list(me.tenantId(),
                    new Assets.Query(null, false, null, "photo", null, null, null, null), 60, null).items().stream()
                    .map(this::card).toList());
        }
        return "app/asset";
    }

    /**
     * A video's cover, chosen on its page or in compose (htmx: the answer is the new poster, and the preview asks
     * again): a frame at {@code offset_seconds} from the start, a photo of the library ({@code photo_id}), or back
     * to the frame chosen at upload ({@code cover=default}). A refusal is shown beside its field; another tenant's
     * video or photo is not found.
     */
    @PostMapping("/cover")
    ModelAndView cover(@ModelAttribute("me") UserSignIns.SignedInUser me,
            @RequestParam(name = "video_id", required = false) String videoId,
            @RequestParam(defaultValue = "frame") String cover,
            @RequestParam(name = "offset_seconds", defaultValue = "") String offsetSeconds,
            @RequestParam(name = "photo_id", defaultValue = "") String photoId,
            @RequestHeader(name = "HX-Request", required = false) String htmx, RedirectAttributes flash) {
        UUID video = FormInput.uuid(videoId, "video_id");
        String page = video == null ? "/app/compose" : "/app/library/assets/" + video;
        BrandAsset covered;
        try {
            if (video == null) {
                throw new InvalidFieldException("video_id", "Choose the video whose cover this is.");
            }
            covered = assets.cover(me.tenantId(), new AssetId(video), switch (cover) {
                case "default" -> null;
                case "photo" -> new VideoCover(null, Objects.requireNonNullElseGet(
                        FormInput.uuid(photoId, "photo_id"), () -> {
                            throw new InvalidFieldException("photo_id", "Choose the photo to show as the cover.");
                        }));
                default -> new VideoCover(frameOf(me, video, offsetSeconds), null);
            });
        } catch (DomainException e) {
            throw RefusedForm.of(page, e, COVER_FIELDS);
        }
        if (htmx == null) {
            flash.addFlashAttribute("notice", "Cover saved.");
            return new ModelAndView("redirect:" + page);
        }
        ModelAndView chosen = new ModelAndView("app/asset :: coverChosen");
        chosen.addObject("card", card(covered));
        chosen.addObject("coverPhoto", coverPhotoCard(me, covered));
        return chosen;
    }

    /** The service's field names, as the cover form names them. */
    private static final Map<String, String> COVER_FIELDS = Map.of("offset_ms", "offset_seconds",
            "asset_id", "photo_id");

    /** The library photo a video's cover is, as a card; null for a frame. */
    private Card coverPhotoCard(UserSignIns.SignedInUser me, BrandAsset video) {
        UUID photo = NetworkPreviews.coverPhoto(video);
        if (photo == null) {
            return null;
        }
        try {
            return card(assets.get(me.tenantId(), new AssetId(photo)));
        } catch (DomainException gone) {
            return null;
        }
    }

    /** A frame of the tenant's video, before its end: said in the video's own length, as its page shows it. */
    private long frameOf(UserSignIns.SignedInUser me, UUID video, String offsetSeconds) {
        BrandAsset asset = assets.get(me.tenantId(), new AssetId(video));
        long offset = offsetMillis(offsetSeconds);
        long duration = asset.video() ? asset.facts().durationMillis() : Long.MAX_VALUE;
        if (offset >= duration) {
            throw new InvalidFieldException("offset_seconds", "The video lasts "
                    + NetworkPreviews.duration(duration) + ": choose a moment before its end.");
        }
        return offset;
    }

    /** Seconds as the owner types them ("2.5", "2,5"), in milliseconds. */
    private static long offsetMillis(String seconds) {
        String typed = seconds.strip().replace(',', '.');
        if (typed.isEmpty()) {
            throw new InvalidFieldException("offset_seconds", "Say how many seconds from the start the frame is.");
        }
        try {
            double value = Double.parseDouble(typed);
            if (!Double.isFinite(value) || value < 0) {
                throw new NumberFormatException(typed);
            }
            return Math.round(value * 1000);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("offset_seconds", "must be a number of seconds such as 2.5");
        }
    }

    /** The frame chosen as a video's cover, in seconds; null when the cover is a photo. */
    private static Double coverOffsetSeconds(BrandAsset video) {
        if (video.metadata() != null && video.metadata().get("video") instanceof Map<?, ?> facts
                && facts.get("poster_offset_ms") instanceof Number offset && NetworkPreviews.coverPhoto(video) == null) {
            return offset.longValue() / 1000.0;
        }
        return null;
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
        flash.addFlashAttribute("warning", "Deleted from the library.");
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
