package io.forkcast.sandbox.meta;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Graph API endpoints Forkcast uses, under {@code /sandbox/graph/{version}}, with Meta's paths, parameters,
 * JSON and error shape ({@code {"error":{"message","type","code","error_subcode","is_transient","fbtrace_id"}}}),
 * and the {@code X-App-Usage} header on every answer.
 */
@RestController
@RequestMapping(path = "/sandbox/graph/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class SandboxGraphController {

    private static final Set<String> PUBLIC_PAGE_FIELDS = Set.of("id", "name", "location");

    private final MetaSandbox sandbox;
    private final SandboxFaults faults;
    private final JsonMapper json;
    private final SandboxPublishing publishing;
    private final io.forkcast.sandbox.SandboxProperties properties;
    private final SandboxExtras extras;
    private final SandboxVideos videos;

    SandboxGraphController(MetaSandbox sandbox, SandboxFaults faults, JsonMapper json, SandboxPublishing publishing,
            io.forkcast.sandbox.SandboxProperties properties, SandboxExtras extras, SandboxVideos videos) {
        this.videos = videos;
        this.properties = properties;
        this.extras = extras;
        this.publishing = publishing;
        this.sandbox = sandbox;
        this.faults = faults;
        this.json = json;
    }

    @GetMapping("/oauth/access_token")
    ResponseEntity<String> accessToken(@RequestParam Map<String, String> params) {
        return answer("oauth/access_token", () -> {
            MetaSandbox.Token token = "fb_exchange_token".equals(params.get("grant_type"))
                    ? sandbox.exchange(params.get("client_id"), params.get("client_secret"),
                            params.get("fb_exchange_token"))
                    : sandbox.redeemCode(params.get("client_id"), params.get("client_secret"),
                            params.get("redirect_uri"), params.get("code"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", token.value());
            body.put("token_type", "bearer");
            body.put("expires_in", token.expiresAt().getEpochSecond() - sandbox.now().getEpochSecond());
            return body;
        });
    }

    @GetMapping("/debug_token")
    ResponseEntity<String> debugToken(@RequestParam Map<String, String> params) {
        return answer("debug_token", () -> {
            MetaSandbox.App app = sandbox.authenticateAppToken(params.get("access_token"));
            Map<String, Object> data = new LinkedHashMap<>();
            MetaSandbox.Token token = sandbox.find(params.get("input_token")).orElse(null);
            if (token == null) {
                data.put("error", error(190, null, "Invalid OAuth access token - Cannot parse access token",
                        "subcode"));
                data.put("is_valid", false);
                data.put("scopes", List.of());
                return Map.of("data", data);
            }
            MetaSandbox.App owner = sandbox.app(token.grant().appId()).orElseThrow();
            data.put("app_id", owner.id());
            data.put("type", token.type().name());
            data.put("application", owner.name());
            data.put("data_access_expires_at", token.grant().dataAccessExpiresAt().getEpochSecond());
            data.put("expires_at", token.expiresAt() == null ? 0 : token.expiresAt().getEpochSecond());
            boolean otherApp = !owner.id().equals(app.id());
            var problem = otherApp
                    ? java.util.Optional.of(SandboxGraphException.of(190, 467,
                            "Error validating access token: the token was issued to another application."))
                    : sandbox.problem(token);
            data.put("is_valid", problem.isEmpty());
            problem.ifPresent(p -> data.put("error", error(p.code, p.subcode, p.getMessage(), "subcode")));
            data.put("issued_at", token.issuedAt().getEpochSecond());
            if (token.pageId() != null) {
                data.put("profile_id", token.pageId());
            }
            data.put("scopes", new ArrayList<>(sandbox.scopes(token)));
            List<Map<String, Object>> granular = new ArrayList<>();
            sandbox.granularScopes(token).forEach((scope, targets) ->
                    granular.add(Map.of("scope", scope, "target_ids", targets)));
            data.put("granular_scopes", granular);
            data.put("user_id", token.grant().userId());
            return Map.of("data", data);
        });
    }

    @GetMapping("/me/accounts")
    ResponseEntity<String> accounts(@RequestParam Map<String, String> params, HttpServletRequest request) {
        return answer("me/accounts", () -> {
            MetaSandbox.Token token = authenticated(params);
            if (token.type() != MetaSandbox.Type.USER) {
                throw SandboxGraphException.of(100, null, "(#100) Tried accessing nonexisting field (accounts) on "
                        + "node type (Page)");
            }
            MetaSandbox.User user = sandbox.user(token.grant().userId()).orElseThrow();
            int limit = params.containsKey("limit") ? Math.max(1, Math.min(100, Integer.parseInt(params.get("limit"))))
                    : 25;
            int start = params.containsKey("after") ? decodeCursor(params.get("after")) + 1 : 0;
            List<MetaSandbox.Page> pages = user.pages();
            List<Map<String, Object>> data = new ArrayList<>();
            for (int i = start; i < Math.min(pages.size(), start + limit); i++) {
                MetaSandbox.Page page = pages.get(i);
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("access_token", sandbox.pageToken(token, page.id()).value());
                item.put("category", page.category());
                item.put("category_list", List.of(Map.of("id", "273819889375819", "name", page.category())));
                item.put("name", page.name());
                item.put("id", page.id());
                item.put("tasks", List.of("ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"));
                if (params.getOrDefault("fields", "").contains("picture")) {
                    item.put("picture", picture(page));
                }
                data.add(item);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("data", data);
            if (!data.isEmpty()) {
                int last = start + data.size() - 1;
                Map<String, Object> paging = new LinkedHashMap<>();
                paging.put("cursors", Map.of("before", cursor(start), "after", cursor(last)));
                if (last + 1 < pages.size()) {
                    paging.put("next", UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
                            .queryParam("access_token", "{token}").queryParam("limit", limit)
                            .queryParam("after", cursor(last)).encode().buildAndExpand(token.value()).toUriString());
                }
                body.put("paging", paging);
            }
            return body;
        });
    }

    @GetMapping("/{nodeId}")
    ResponseEntity<String> node(@PathVariable String nodeId, @RequestParam Map<String, String> params) {
        if (videos.knows(nodeId)) {
            return answer("page/video", () -> {
                pageToken(params, videos.pageOf(nodeId).orElseThrow(), "pages_read_engagement");
                return videos.describe(nodeId);
            });
        }
        if (publishing.knows(nodeId)) {
            return answer(publishing.isContainer(nodeId) ? "ig/container" : "post", () -> {
                authenticated(params);
                return publishing.describe(nodeId);
            });
        }
        if (instagramPage(nodeId).isPresent()) {
            return answer("ig/user", () -> {
                instagramToken(params, nodeId, "instagram_basic");
                MetaSandbox.Page page = instagramPage(nodeId).orElseThrow();
                Map<String, Object> body = new LinkedHashMap<>();
                String fields = params.getOrDefault("fields", "id,username");
                if (fields.contains("username")) {
                    body.put("username", page.instagramUsername());
                }
                if (fields.contains("profile_picture_url")) {
                    body.put("profile_picture_url", pictureUrl(nodeId));
                }
                body.put("id", nodeId);
                return body;
            });
        }
        if (sandbox.page(nodeId).isEmpty() && extras.place(nodeId).isPresent()) {
            // Another business's public Page: its name and location are public (Meta asks for the Page Public
            // Metadata Access feature to read Pages the user does not manage).
            return answer("page", () -> {
                authenticated(params);
                return placeFields(extras.place(nodeId).orElseThrow(), params.getOrDefault("fields", "id,name"));
            });
        }
        return answer("page", () -> {
            MetaSandbox.Token token = authenticated(params);
            MetaSandbox.Page page = sandbox.page(nodeId).orElseThrow(() -> SandboxGraphException.of(100, 33,
                    "Unsupported get request. Object with ID '" + nodeId + "' does not exist, cannot be loaded due "
                            + "to missing permissions, or does not support this operation."));
            boolean allowed = token.type() == MetaSandbox.Type.PAGE
                    ? page.id().equals(token.pageId())
                    : sandbox.user(token.grant().userId()).map(u -> u.pages().contains(page)).orElse(false);
            String fields = params.getOrDefault("fields", "id,name");
            if (!allowed && PUBLIC_PAGE_FIELDS.containsAll(List.of(fields.split(",")))) {
                // A Page's name and location are public: any valid token reads them (see the public place above).
                Map<String, Object> body = new LinkedHashMap<>();
                if (fields.contains("name")) {
                    body.put("name", page.name());
                }
                if (fields.contains("location")) {
                    extras.place(page.id()).ifPresent(place -> body.put("location", location(place.location())));
                }
                body.put("id", page.id());
                return body;
            }
            if (!allowed) {
                throw SandboxGraphException.of(200, null, "(#200) The user does not have permission to access this "
                        + "Page.");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            if (fields.contains("instagram_business_account") && page.instagramId() != null) {
                Map<String, Object> instagram = new LinkedHashMap<>();
                instagram.put("id", page.instagramId());
                if (fields.contains("username")) {
                    instagram.put("username", page.instagramUsername());
                }
                if (fields.contains("profile_picture_url")) {
                    instagram.put("profile_picture_url", pictureUrl(page.instagramId()));
                }
                body.put("instagram_business_account", instagram);
            }
            if (fields.contains("name")) {
                body.put("name", page.name());
            }
            if (fields.contains("location")) {
                extras.place(page.id()).ifPresent(place -> body.put("location", location(place.location())));
            }
            body.put("id", page.id());
            return body;
        });
    }

    /** A Page's picture: {@code redirect=false} answers where it is, as JSON; without it Meta redirects to it. */
    @GetMapping("/{pageId}/picture")
    ResponseEntity<String> pagePicture(@PathVariable String pageId, @RequestParam Map<String, String> params) {
        return answer("page/picture", () -> {
            authenticated(params);
            MetaSandbox.Page page = sandbox.page(pageId).orElseThrow(() -> SandboxGraphException.of(100, 33,
                    "Unsupported get request. Object with ID '" + pageId + "' does not exist."));
            return picture(page);
        });
    }

    /** Comments as the Page or Instagram account that published the object. */
    @PostMapping("/{objectId}/comments")
    ResponseEntity<String> comment(@PathVariable String objectId, @RequestParam Map<String, String> params) {
        return answer("comments", () -> {
            SandboxPublishing.Published object = publishedObject(objectId);
            boolean instagram = instagramPage(object.ownerId()).isPresent();
            if (instagram) {
                instagramToken(params, object.ownerId(), "instagram_manage_comments");
                MetaSandbox.Page page = instagramPage(object.ownerId()).orElseThrow();
                return extras.comment(objectId, object.ownerId(), page.instagramUsername(), true, params.get("message"));
            }
            pageToken(params, object.ownerId(), "pages_manage_engagement");
            MetaSandbox.Page page = sandbox.page(object.ownerId()).orElseThrow();
            return extras.comment(objectId, page.id(), page.name(), false, params.get("message"));
        });
    }

    @GetMapping("/{objectId}/comments")
    ResponseEntity<String> comments(@PathVariable String objectId, @RequestParam Map<String, String> params) {
        return answer("comments/list", () -> {
            SandboxPublishing.Published object = publishedObject(objectId);
            boolean instagram = instagramPage(object.ownerId()).isPresent();
            if (instagram) {
                instagramToken(params, object.ownerId(), "instagram_basic");
            } else {
                pageToken(params, object.ownerId(), "pages_read_engagement");
            }
            return extras.comments(objectId, instagram);
        });
    }

    private SandboxPublishing.Published publishedObject(String objectId) {
        return publishing.find(objectId).orElseThrow(() -> SandboxGraphException.of(100, 33,
                "Unsupported request. Object with ID '" + objectId + "' does not exist, cannot be loaded due to "
                        + "missing permissions, or does not support this operation."));
    }

    private java.util.Optional<MetaSandbox.Page> instagramPage(String igUserId) {
        return sandbox.sandboxUser().pages().stream().filter(p -> igUserId.equals(p.instagramId())).findFirst();
    }

    /** Meta's {@code picture} object; the Catering Page has none, so Meta shows its grey silhouette. */
    private Map<String, Object> picture(MetaSandbox.Page page) {
        boolean silhouette = SandboxExtras.PAGE_WITHOUT_LOCATION.equals(page.id());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("height", 100);
        data.put("is_silhouette", silhouette);
        data.put("url", pictureUrl(silhouette ? "silhouette" : page.id()));
        data.put("width", 100);
        return Map.of("data", data);
    }

    private static String pictureUrl(String accountId) {
        return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(SandboxCdnController.PICTURES + "/{id}.png").buildAndExpand(accountId).toUriString();
    }

    private static Map<String, Object> placeFields(SandboxExtras.Place place, String fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (fields.contains("name")) {
            body.put("name", place.name());
        }
        if (fields.contains("location")) {
            body.put("location", location(place.location()));
        }
        body.put("id", place.pageId());
        return body;
    }

    private static Map<String, Object> location(SandboxExtras.Location location) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("city", location.city());
        body.put("country", location.country());
        body.put("latitude", location.latitude());
        body.put("longitude", location.longitude());
        body.put("street", location.street());
        body.put("zip", location.zip());
        return body;
    }

    @PostMapping("/{pageId}/photos")
    ResponseEntity<String> photos(@PathVariable String pageId, @RequestParam Map<String, String> params) {
        return answer("page/photos", () -> {
            pageToken(params, pageId);
            boolean published = !"false".equals(params.get("published"));
            extras.checkPlace(params.get("place"), "place");
            Map<String, Object> photo = publishing.photo(pageId, params.get("url"), params.get("caption"), published);
            String object = published ? (String) photo.get("post_id") : (String) photo.get("id");
            extras.tag(object, java.util.Collections.singletonList(params.get("alt_text_custom")),
                    published ? params.get("place") : null);
            return photo;
        });
    }

    @PostMapping("/{pageId}/feed")
    ResponseEntity<String> feed(@PathVariable String pageId, @RequestParam Map<String, String> params) {
        return answer("page/feed", () -> {
            pageToken(params, pageId);
            List<String> media = new ArrayList<>();
            for (int i = 0; params.containsKey("attached_media[" + i + "]"); i++) {
                media.add(json.readTree(params.get("attached_media[" + i + "]")).path("media_fbid").asString());
            }
            extras.checkPlace(params.get("place"), "place");
            List<String> alts = media.stream().map(photo -> extras.tags(photo)
                    .flatMap(t -> t.altTexts().stream().findFirst()).orElse(null)).toList();
            Map<String, Object> post = publishing.feed(pageId, params.get("message"), media);
            extras.tag((String) post.get("id"), alts, params.get("place"));
            return post;
        });
    }

    /** A video in the Page's feed, fetched by Meta from {@code file_url}. */
    @PostMapping("/{pageId}/videos")
    ResponseEntity<String> postVideo(@PathVariable String pageId, @RequestParam Map<String, String> params) {
        return answer("page/videos", () -> {
            pageToken(params, pageId);
            return videos.feedVideo(pageId, params.get("file_url"), params.get("description"));
        });
    }

    @GetMapping("/{pageId}/videos")
    ResponseEntity<String> listVideos(@PathVariable String pageId, @RequestParam Map<String, String> params) {
        return answer("page/videos/list", () -> {
            pageToken(params, pageId, "pages_read_engagement");
            return page(params, (start, limit) -> videos.list(pageId, false, start, limit));
        });
    }

    /** A Reel's upload session: {@code upload_phase} {@code start} or {@code finish}. */
    @PostMapping("/{pageId}/video_reels")
    ResponseEntity<String> reels(@PathVariable String version, @PathVariable String pageId,
            @RequestParam Map<String, String> params) {
        return answer("page/video_reels/" + phase(params), () -> session(version, pageId, SandboxVideos.Kind.REEL,
                params));
    }

    @GetMapping("/{pageId}/video_reels")
    ResponseEntity<String> listReels(@PathVariable String pageId, @RequestParam Map<String, String> params) {
        return answer("page/video_reels/list", () -> {
            pageToken(params, pageId, "pages_read_engagement");
            return page(params, (start, limit) -> videos.list(pageId, true, start, limit));
        });
    }

    /** A video Story's upload session: {@code upload_phase} {@code start} or {@code finish}. */
    @PostMapping("/{pageId}/video_stories")
    ResponseEntity<String> videoStories(@PathVariable String version, @PathVariable String pageId,
            @RequestParam Map<String, String> params) {
        return answer("page/video_stories/" + phase(params), () -> session(version, pageId,
                SandboxVideos.Kind.STORY, params));
    }

    @PostMapping("/{pageId}/photo_stories")
    ResponseEntity<String> photoStories(@PathVariable String pageId, @RequestParam Map<String, String> params) {
        return answer("page/photo_stories", () -> {
            pageToken(params, pageId);
            return videos.photoStory(pageId, params.get("photo_id"));
        });
    }

    /** A Page's Stories ({@code post_id}, {@code media_id}...) or an Instagram account's (IG Media of the last day). */
    @GetMapping("/{pageId}/stories")
    ResponseEntity<String> stories(@PathVariable String pageId, @RequestParam Map<String, String> params) {
        boolean instagram = sandbox.sandboxUser().pages().stream().anyMatch(p -> pageId.equals(p.instagramId()));
        if (instagram) {
            return answer("ig/stories_list", () -> {
                instagramToken(params, pageId, "instagram_basic");
                return page(params, (start, limit) -> publishing.instagramStories(pageId, start, limit));
            });
        }
        return answer("page/stories/list", () -> {
            pageToken(params, pageId, "pages_read_engagement");
            return page(params, (start, limit) -> videos.stories(pageId, start, limit));
        });
    }

    /** The phase a session call names, for the operation's name ({@code page/video_reels/start}, ...). */
    private static String phase(Map<String, String> params) {
        String phase = params.get("upload_phase");
        return "start".equals(phase) || "finish".equals(phase) ? phase : "unknown";
    }

    private Map<String, Object> session(String version, String pageId, SandboxVideos.Kind kind,
            Map<String, String> params) {
        pageToken(params, pageId);
        String phase = params.get("upload_phase");
        if ("start".equals(phase)) {
            // Meta answers where to upload: its resumable upload host (here the sandbox's), the version, the video.
            return videos.start(pageId, kind, org.springframework.web.servlet.support.ServletUriComponentsBuilder
                    .fromCurrentContextPath().path(SandboxUploadController.PATH).buildAndExpand(version)
                    .toUriString());
        }
        if ("finish".equals(phase)) {
            return videos.finish(pageId, kind, params.get("video_id"), params.get("video_state"),
                    params.get("description"));
        }
        throw SandboxGraphException.of(100, null, "(#100) upload_phase must be one of start, finish");
    }

    @GetMapping("/{pageId}/published_posts")
    ResponseEntity<String> publishedPosts(@PathVariable String pageId, @RequestParam Map<String, String> params) {
        return answer("page/published_posts", () -> {
            pageToken(params, pageId);
            return page(params, (start, limit) -> publishing.list(pageId, start, limit));
        });
    }

    @PostMapping("/{igUserId}/media")
    ResponseEntity<String> media(@PathVariable String igUserId, @RequestParam Map<String, String> params) {
        return answer("ig/media", () -> {
            instagramToken(params, igUserId);
            String mediaType = params.get("media_type");
            if ("REELS".equals(mediaType) || "VIDEO".equals(mediaType)
                    || ("STORIES".equals(mediaType) && params.get("video_url") != null)) {
                // Meta's default for a Reel is to share it to the feed: only an explicit false keeps it out.
                return publishing.videoContainer(igUserId, mediaType, params.get("video_url"), params.get("caption"),
                        "true".equals(params.get("is_carousel_item")), !"false".equals(params.get("share_to_feed")));
            }
            extras.checkPlace(params.get("location_id"), "location_id");
            Map<String, Object> container = publishing.container(igUserId, params.get("image_url"),
                    params.get("caption"), "true".equals(params.get("is_carousel_item")), params.get("media_type"),
                    params.get("children"));
            extras.tag((String) container.get("id"), java.util.Collections.singletonList(params.get("alt_text")),
                    params.get("location_id"));
            return container;
        });
    }

    @GetMapping("/{igUserId}/media")
    ResponseEntity<String> mediaList(@PathVariable String igUserId, @RequestParam Map<String, String> params) {
        return answer("ig/media_list", () -> {
            instagramToken(params, igUserId);
            return page(params, (start, limit) -> publishing.list(igUserId, start, limit));
        });
    }

    @PostMapping("/{igUserId}/media_publish")
    ResponseEntity<String> mediaPublish(@PathVariable String igUserId, @RequestParam Map<String, String> params) {
        return answer("ig/media_publish", () -> {
            instagramToken(params, igUserId);
            String creation = params.get("creation_id");
            Map<String, Object> media = publishing.publishContainer(igUserId, creation);
            List<String> parts = publishing.childrenOf(creation).isEmpty() ? List.of(creation)
                    : publishing.childrenOf(creation);
            List<String> alts = parts.stream().map(part -> extras.tags(part)
                    .flatMap(t -> t.altTexts().stream().findFirst()).orElse(null)).toList();
            extras.tag((String) media.get("id"), alts, extras.tags(creation).map(SandboxExtras.Tags::placeId)
                    .orElse(null));
            return media;
        });
    }

    @GetMapping("/{igUserId}/content_publishing_limit")
    ResponseEntity<String> publishingLimit(@PathVariable String igUserId, @RequestParam Map<String, String> params) {
        return answer("ig/content_publishing_limit", () -> {
            instagramToken(params, igUserId);
            return publishing.limit(igUserId);
        });
    }

    /** A Page token of this Page (or a user token of a user managing it), with the publishing permission. */
    private void pageToken(Map<String, String> params, String pageId) {
        pageToken(params, pageId, "pages_manage_posts");
    }

    private void pageToken(Map<String, String> params, String pageId, String permission) {
        MetaSandbox.Token token = authenticated(params);
        MetaSandbox.Page page = sandbox.page(pageId).orElseThrow(() -> SandboxGraphException.of(100, 33,
                "Unsupported post request. Object with ID '" + pageId + "' does not exist."));
        boolean allowed = token.type() == MetaSandbox.Type.PAGE ? page.id().equals(token.pageId())
                : sandbox.user(token.grant().userId()).map(u -> u.pages().contains(page)).orElse(false);
        if (!allowed || !sandbox.scopes(token).contains(permission)) {
            throw SandboxGraphException.of(200, null, "(#200) The user hasn't authorized the application to perform "
                    + "this action");
        }
    }

    /** A token of the Page the Instagram account is linked to, with the content publishing permission. */
    private void instagramToken(Map<String, String> params, String igUserId) {
        instagramToken(params, igUserId, "instagram_content_publish");
    }

    private void instagramToken(Map<String, String> params, String igUserId, String permission) {
        MetaSandbox.Token token = authenticated(params);
        MetaSandbox.Page page = sandbox.sandboxUser().pages().stream().filter(p -> igUserId.equals(p.instagramId()))
                .findFirst().orElseThrow(() -> SandboxGraphException.of(100, 33, "Unsupported request. Object with ID '"
                        + igUserId + "' does not exist."));
        boolean allowed = token.type() == MetaSandbox.Type.PAGE ? page.id().equals(token.pageId()) : true;
        if (!allowed || !sandbox.scopes(token).contains(permission)) {
            throw SandboxGraphException.of(10, null, "(#10) Application does not have permission for this action");
        }
    }

    private MetaSandbox.Token authenticated(Map<String, String> params) {
        MetaSandbox.Token token = sandbox.validate(params.get("access_token"), null);
        sandbox.checkProof(token, params.get("appsecret_proof"));
        if (sandbox.app(token.grant().appId()).isEmpty()) {
            throw SandboxGraphException.of(190, 458, "Error validating access token: The user has not authorized "
                    + "application.");
        }
        return token;
    }

    /** Applies an armed fault (delay, error), then answers with the body or Graph's error JSON. */
    private ResponseEntity<String> answer(String operation, Supplier<Map<String, Object>> body) {
        pause(properties.graphLatency());
        var fault = faults.next(operation).orElse(null);
        int usage = faults.baselineUsage();
        if (fault != null) {
            pause(fault.latency());
            if (fault.usagePercent() != null) {
                usage = fault.usagePercent();
            }
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-App-Usage", json.writeValueAsString(Map.of("call_count", usage, "total_time", usage,
                "total_cputime", usage)));
        if (fault != null && fault.code() != null && Set.of(32, 80001, 80002).contains(fault.code())) {
            String type = fault.code() == 80002 ? "instagram" : "pages";
            headers.set("X-Business-Use-Case-Usage", json.writeValueAsString(Map.of("200000000000001",
                    List.of(Map.of("type", type, "call_count", usage, "total_cputime", usage, "total_time", usage,
                            "estimated_time_to_regain_access", 5)))));
        }
        try {
            if (fault != null && fault.code() != null && fault.afterSuccess()) {
                body.get();
            }
            if (fault != null && fault.code() != null) {
                throw new SandboxGraphException(fault.httpStatus(), fault.code(), fault.subcode(), fault.isTransient(),
                        fault.message());
            }
            return ResponseEntity.ok().headers(headers).body(json.writeValueAsString(body.get()));
        } catch (SandboxGraphException e) {
            Map<String, Object> error = error(e.code, e.subcode, e.getMessage(), "error_subcode");
            error.put("type", e.code == 190 || e.code == 102 ? "OAuthException" : "GraphMethodException");
            error.put("is_transient", e.isTransient);
            error.put("fbtrace_id", "SBX" + Long.toHexString(System.nanoTime()));
            return ResponseEntity.status(e.httpStatus).headers(headers)
                    .body(json.writeValueAsString(Map.of("error", error)));
        } catch (NumberFormatException e) {
            return ResponseEntity.badRequest().headers(headers).body(json.writeValueAsString(Map.of("error",
                    error(100, null, "(#100) Invalid parameter", "error_subcode"))));
        }
    }

    private static void pause(java.time.Duration latency) {
        if (latency == null || latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Graph's error object; debug_token names the subcode {@code subcode}, errors {@code error_subcode}. */
    private static Map<String, Object> error(int code, Integer subcode, String message, String subcodeField) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("code", code);
        if (subcode != null) {
            error.put(subcodeField, subcode);
        }
        return error;
    }

    /** One page of a Graph list (posts, media, videos, Stories), with Graph's cursor paging ({@code after}). */
    private Map<String, Object> page(Map<String, String> params,
            java.util.function.BiFunction<Integer, Integer, List<Map<String, Object>>> list) {
        int limit = Math.clamp(Integer.parseInt(params.getOrDefault("limit", "25")), 1, 100);
        int start = params.containsKey("after") ? decodeCursor(params.get("after")) + 1 : 0;
        // At most limit + 1 items: one more than asked tells that there is a next page.
        List<Map<String, Object>> items = list.apply(start, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", items.size() > limit ? items.subList(0, limit) : items);
        if (items.size() > limit) {
            String after = cursor(start + limit - 1);
            body.put("paging", Map.of("cursors", Map.of("before", cursor(start), "after", after), "next",
                    org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentRequest()
                            .replaceQueryParam("after", after).toUriString()));
        }
        return body;
    }

    private static String cursor(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(index)
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static int decodeCursor(String cursor) {
        try {
            return Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw SandboxGraphException.of(100, null, "(#100) The after cursor is not valid");
        }
    }
}
