package io.forkcast.meta;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Graph API call Forkcast makes. Adds {@code appsecret_proof} to each call made with a user or page
 * token, turns Graph's error JSON into a {@link GraphError} with a kind, reads the usage headers (and slows down
 * when they run high), and never lets a token reach a log line, an exception message or a metric tag.
 */
@Component
public class GraphClient {

    private static final Logger log = LoggerFactory.getLogger(GraphClient.class);

    private final MetaProperties properties;
    private final AppSecret appSecret;
    private final GraphEndpoints endpoints;
    private final GraphUsage usage;
    private final JsonMapper json;
    private final MeterRegistry registry;
    private final RestClient http;

    GraphClient(MetaProperties properties, AppSecret appSecret, GraphEndpoints endpoints, GraphUsage usage,
            JsonMapper json, MeterRegistry registry) {
        this.properties = properties;
        this.appSecret = appSecret;
        this.endpoints = endpoints;
        this.usage = usage;
        this.json = json;
        this.registry = registry;
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.readTimeout());
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    /** The scopes the dialog asks for. */
    public List<String> scopes() {
        return properties.scopes();
    }

    /** The OAuth dialog a browser is sent to, with our app, the exact redirect URI, the state and the scopes. */
    public URI authorizationDialogUrl(URI redirectUri, String state) {
        return UriComponentsBuilder.fromUri(endpoints.dialog())
                .path("/" + properties.graphVersion() + "/dialog/oauth")
                .queryParam("client_id", "{client_id}")
                .queryParam("redirect_uri", "{redirect_uri}")
                .queryParam("state", "{state}")
                .queryParam("response_type", "code")
                .queryParam("scope", "{scope}")
                .encode()
                .buildAndExpand(properties.appId(), redirectUri.toString(), state, String.join(",", properties.scopes()))
                .toUri();
    }

    /** Exchanges the dialog's code for a (short-lived) user token; the redirect URI must be the dialog's. */
    public UserAccessToken exchangeCode(String code, URI redirectUri) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", properties.appId());
        params.put("redirect_uri", redirectUri.toString());
        params.put("client_secret", properties.appSecret());
        params.put("code", code);
        JsonNode body = call("oauth/access_token", "/oauth/access_token", params, List.of(code));
        return userToken(body);
    }

    /** Swaps a user token for a long-lived one (about 60 days). An expired token cannot be swapped. */
    public UserAccessToken exchangeForLongLivedToken(String userToken) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "fb_exchange_token");
        params.put("client_id", properties.appId());
        params.put("client_secret", properties.appSecret());
        params.put("fb_exchange_token", userToken);
        JsonNode body = call("oauth/access_token", "/oauth/access_token", params, List.of(userToken));
        return userToken(body);
    }

    /** Asks Graph what it knows about a token (validity, expiry, scopes), with the app token. */
    public TokenDebugInfo debugToken(String token) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("input_token", token);
        params.put("access_token", properties.appId() + "|" + properties.appSecret());
        JsonNode data = call("debug_token", "/debug_token", params, List.of(token)).path("data");
        List<String> scopes = new ArrayList<>();
        data.path("scopes").forEach(scope -> scopes.add(scope.asString()));
        Map<String, List<String>> granular = new LinkedHashMap<>();
        for (JsonNode entry : data.path("granular_scopes")) {
            if (entry.has("target_ids")) {
                List<String> targets = new ArrayList<>();
                entry.path("target_ids").forEach(target -> targets.add(target.asString()));
                granular.put(entry.path("scope").asString(), List.copyOf(targets));
            }
        }
        JsonNode error = data.path("error");
        return new TokenDebugInfo(
                data.path("is_valid").asBoolean(false),
                text(data, "type"),
                text(data, "app_id"),
                text(data, "user_id"),
                epoch(data.path("expires_at")),
                epoch(data.path("data_access_expires_at")),
                List.copyOf(scopes),
                Map.copyOf(granular),
                error.has("code") ? error.path("code").asInt() : null,
                error.has("subcode") ? error.path("subcode").asInt() : null,
                error.has("message") ? redact(error.path("message").asString(), List.of(token)) : null);
    }

    /** Every Page the user manages ({@code /me/accounts}, all pages of results), with page tokens. */
    public List<ManagedPage> managedPages(String userToken) {
        List<ManagedPage> pages = new ArrayList<>();
        String after = null;
        do {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("fields", "id,name,access_token,category,tasks,picture{url,is_silhouette}");
            params.put("limit", Integer.toString(properties.pageSize()));
            if (after != null) {
                params.put("after", after);
            }
            withToken(params, userToken);
            JsonNode body = call("me/accounts", "/me/accounts", params, List.of(userToken));
            for (JsonNode page : body.path("data")) {
                List<String> tasks = new ArrayList<>();
                page.path("tasks").forEach(task -> tasks.add(task.asString()));
                pages.add(new ManagedPage(text(page, "id"), text(page, "name"), text(page, "category"),
                        List.copyOf(tasks), text(page, "access_token"), pictureOf(page.path("picture"))));
            }
            JsonNode paging = body.path("paging");
            after = paging.has("next") ? text(paging.path("cursors"), "after") : null;
        } while (after != null);
        return List.copyOf(pages);
    }

    /** The Instagram professional account linked to a Page, if there is one. */
    public Optional<InstagramAccount> instagramAccount(String pageId, String pageToken) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", "instagram_business_account{id,username,profile_picture_url}");
        withToken(params, pageToken);
        JsonNode account = call("page", "/" + pageId, params, List.of(pageToken)).path("instagram_business_account");
        if (!account.has("id")) {
            return Optional.empty();
        }
        return Optional.of(new InstagramAccount(text(account, "id"), text(account, "username"),
                text(account, "profile_picture_url")));
    }

    /**
     * The profile picture's address now: a Page's ({@code GET /{page}/picture?redirect=false}, null while it is
     * Facebook's grey silhouette) or an Instagram account's ({@code profile_picture_url}). Meta's CDN addresses
     * expire after some days, hence asked again by the daily token check.
     */
    public String profilePicture(String platformUserId, String token, boolean instagram) {
        Map<String, String> params = new LinkedHashMap<>();
        if (instagram) {
            params.put("fields", "profile_picture_url");
            withToken(params, token);
            return text(call("ig/user", "/" + platformUserId, params, List.of(token)), "profile_picture_url");
        }
        params.put("redirect", "false");
        params.put("type", "normal");
        withToken(params, token);
        return pictureOf(call("page/picture", "/" + platformUserId + "/picture", params, List.of(token)));
    }

    private static String pictureOf(JsonNode picture) {
        JsonNode data = picture.path("data");
        return data.path("is_silhouette").asBoolean(false) ? null : text(data, "url");
    }

    /** A Page that has a location (the restaurant's place), as {@code GET /{page}?fields=name,location} shows it. */
    public record Place(String pageId, String name, String street, String city, String country, Double latitude,
            Double longitude) {
    }

    /**
     * The Page's place, or empty when the Page exists but has no location (it cannot be tagged). A Page that does
     * not exist (or cannot be seen) is Graph's error 100.
     */
    public Optional<Place> place(String pageId, String token) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", "id,name,location");
        withToken(params, token);
        JsonNode page = call("page/place", "/" + pageId, params, List.of(token));
        JsonNode location = page.path("location");
        if (!location.isObject() || !location.has("latitude")) {
            return Optional.empty();
        }
        return Optional.of(new Place(text(page, "id"), text(page, "name"), text(location, "street"),
                text(location, "city"), text(location, "country"), location.path("latitude").asDouble(),
                location.path("longitude").asDouble()));
    }

    /** A comment on a published Page post or Instagram media: its id and text, and who wrote it. */
    public record Comment(String id, String message, String fromId, Instant createdAt) {
    }

    /**
     * Comments on a published object as its Page or Instagram account ({@code POST /{object}/comments} with
     * {@code message}); answers the comment's id.
     */
    public String comment(String objectId, String token, String message) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("message", message);
        withToken(params, token);
        return text(call(HttpMethod.POST, "comments", "/" + objectId + "/comments", params, List.of(token)), "id");
    }

    /** The first comments of a published object ({@code GET /{object}/comments}), oldest first, up to 100. */
    public List<Comment> comments(String objectId, String token, boolean instagram) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", instagram ? "id,text,from,timestamp" : "id,message,from,created_time");
        params.put("limit", "100");
        if (!instagram) {
            params.put("order", "chronological");
        }
        withToken(params, token);
        List<Comment> comments = new ArrayList<>();
        for (JsonNode item : call("comments/list", "/" + objectId + "/comments", params, List.of(token)).path("data")) {
            String time = text(item, instagram ? "timestamp" : "created_time");
            comments.add(new Comment(text(item, "id"), text(item, instagram ? "text" : "message"),
                    text(item.path("from"), "id"), time == null ? null : parseGraphTime(time)));
        }
        return List.copyOf(comments);
    }

    /** A post or media object on a Page or an Instagram account, as the recent-media lists show it. */
    public record PlatformMedia(String id, String caption, Instant createdAt, String permalink) {
    }

    /** Instagram's publishing limit: posts published in the rolling window and how many it allows. */
    public record PublishingLimit(int used, int total) {
    }

    /**
     * Posts one photo on a Page ({@code POST /{page}/photos} with {@code url}). Published, it answers the photo
     * id and the Page post id; unpublished ({@code published=false}), only the photo id (for {@code attached_media}).
     */
    public PlatformMedia publishPagePhoto(String pageId, String pageToken, String imageUrl, String caption,
            boolean published) {
        return publishPagePhoto(pageId, pageToken, imageUrl, caption, published, Extras.NONE);
    }

    /**
     * What a post may carry besides its media and caption: the image's alternative text (Instagram's
     * {@code alt_text}, Facebook's {@code alt_text_custom}) and the place it is tagged at (a Page with a location:
     * Instagram's {@code location_id}, Facebook's {@code place}); null when absent.
     */
    public record Extras(String altText, String placeId) {
        public static final Extras NONE = new Extras(null, null);
    }

    /** As {@link #publishPagePhoto(String, String, String, String, boolean)}, with alt text and (published) a place. */
    public PlatformMedia publishPagePhoto(String pageId, String pageToken, String imageUrl, String caption,
            boolean published, Extras extras) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("url", imageUrl);
        if (caption != null && published) {
            params.put("caption", caption);
        }
        params.put("published", Boolean.toString(published));
        if (extras.altText() != null) {
            params.put("alt_text_custom", extras.altText());
        }
        if (extras.placeId() != null && published) {
            params.put("place", extras.placeId());
        }
        withToken(params, pageToken);
        JsonNode body = call(HttpMethod.POST, "page/photos", "/" + pageId + "/photos", params, List.of(pageToken));
        String id = published && body.has("post_id") ? text(body, "post_id") : text(body, "id");
        return new PlatformMedia(id, caption, null, null);
    }

    /** A Page post with several photos uploaded unpublished ({@code POST /{page}/feed} with {@code attached_media}). */
    public PlatformMedia publishPageFeed(String pageId, String pageToken, String message, List<String> photoIds) {
        return publishPageFeed(pageId, pageToken, message, photoIds, null);
    }

    /** As {@link #publishPageFeed(String, String, String, List)}, tagged at {@code placeId} when not null. */
    public PlatformMedia publishPageFeed(String pageId, String pageToken, String message, List<String> photoIds,
            String placeId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("message", message == null ? "" : message);
        if (placeId != null) {
            params.put("place", placeId);
        }
        for (int i = 0; i < photoIds.size(); i++) {
            params.put("attached_media[" + i + "]", "{\"media_fbid\":\"" + photoIds.get(i) + "\"}");
        }
        withToken(params, pageToken);
        JsonNode body = call(HttpMethod.POST, "page/feed", "/" + pageId + "/feed", params, List.of(pageToken));
        return new PlatformMedia(text(body, "id"), message, null, null);
    }

    /** An Instagram media container for one image ({@code POST /{ig-user}/media}); a carousel item has no caption. */
    public String createInstagramContainer(String instagramId, String token, String imageUrl, String caption,
            boolean carouselItem) {
        return createInstagramContainer(instagramId, token, imageUrl, caption, carouselItem, Extras.NONE);
    }

    /**
     * As {@link #createInstagramContainer(String, String, String, String, boolean)}, with the image's
     * {@code alt_text} and (not for a carousel item, whose carousel carries it) a {@code location_id}.
     */
    public String createInstagramContainer(String instagramId, String token, String imageUrl, String caption,
            boolean carouselItem, Extras extras) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("image_url", imageUrl);
        if (carouselItem) {
            params.put("is_carousel_item", "true");
        } else if (caption != null) {
            params.put("caption", caption);
        }
        if (extras.altText() != null) {
            params.put("alt_text", extras.altText());
        }
        if (extras.placeId() != null && !carouselItem) {
            params.put("location_id", extras.placeId());
        }
        withToken(params, token);
        return text(call(HttpMethod.POST, "ig/media", "/" + instagramId + "/media", params, List.of(token)), "id");
    }

    /** What an Instagram video container is for ({@code media_type}). */
    public enum VideoContainer { REELS, STORIES, VIDEO }

    /**
     * A Reel's cover: a frame ({@code thumb_offset}, milliseconds) or an image ({@code cover_url}); both null for
     * Instagram's own choice.
     */
    public record Cover(Long thumbOffsetMillis, String coverUrl) {
        public static final Cover NONE = new Cover(null, null);
    }

    /**
     * An Instagram container for a video ({@code POST /{ig-user}/media} with {@code video_url}): a Reel (also shown
     * in the feed grid when {@code shareToFeed}, ignored for the other types), a video Story (no caption), or a
     * carousel's video item ({@code VIDEO}, no caption). Instagram fetches and processes the video: poll
     * {@link #containerStatus} until FINISHED.
     */
    public String createInstagramVideoContainer(String instagramId, String token, VideoContainer type, String videoUrl,
            String caption, Cover cover, boolean shareToFeed) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("media_type", type.name());
        params.put("video_url", videoUrl);
        if (type == VideoContainer.VIDEO) {
            params.put("is_carousel_item", "true");
        }
        if (type == VideoContainer.REELS) {
            params.put("share_to_feed", Boolean.toString(shareToFeed));
            if (cover.coverUrl() != null) {
                params.put("cover_url", cover.coverUrl());
            } else if (cover.thumbOffsetMillis() != null) {
                params.put("thumb_offset", Long.toString(cover.thumbOffsetMillis()));
            }
        }
        if (caption != null && type == VideoContainer.REELS) {
            params.put("caption", caption);
        }
        withToken(params, token);
        return text(call(HttpMethod.POST, "ig/media", "/" + instagramId + "/media", params, List.of(token)), "id");
    }

    /** An Instagram photo Story container ({@code media_type=STORIES} with {@code image_url}); Stories have no caption. */
    public String createInstagramPhotoStory(String instagramId, String token, String imageUrl) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("media_type", "STORIES");
        params.put("image_url", imageUrl);
        withToken(params, token);
        return text(call(HttpMethod.POST, "ig/media", "/" + instagramId + "/media", params, List.of(token)), "id");
    }

    /** An Instagram carousel container of 2..10 child containers. */
    public String createInstagramCarousel(String instagramId, String token, List<String> children, String caption) {
        return createInstagramCarousel(instagramId, token, children, caption, null);
    }

    /** As {@link #createInstagramCarousel(String, String, List, String)}, tagged at {@code locationId} when not null. */
    public String createInstagramCarousel(String instagramId, String token, List<String> children, String caption,
            String locationId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("media_type", "CAROUSEL");
        params.put("children", String.join(",", children));
        if (locationId != null) {
            params.put("location_id", locationId);
        }
        if (caption != null) {
            params.put("caption", caption);
        }
        withToken(params, token);
        return text(call(HttpMethod.POST, "ig/media", "/" + instagramId + "/media", params, List.of(token)), "id");
    }

    /** A container's {@code status_code}: IN_PROGRESS, FINISHED, ERROR, EXPIRED or PUBLISHED. */
    public String containerStatus(String containerId, String token) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", "status_code,status");
        withToken(params, token);
        return text(call("ig/container", "/" + containerId, params, List.of(token)), "status_code");
    }

    /** Publishes a FINISHED container ({@code POST /{ig-user}/media_publish}); answers the media id. */
    public String publishInstagramContainer(String instagramId, String token, String containerId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("creation_id", containerId);
        withToken(params, token);
        return text(call(HttpMethod.POST, "ig/media_publish", "/" + instagramId + "/media_publish", params,
                List.of(token)), "id");
    }

    /** How much of Instagram's publishing limit the account has used. */
    public PublishingLimit contentPublishingLimit(String instagramId, String token) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", "quota_usage,config");
        withToken(params, token);
        JsonNode first = call("ig/content_publishing_limit", "/" + instagramId + "/content_publishing_limit", params,
                List.of(token)).path("data").path(0);
        return new PublishingLimit(first.path("quota_usage").asInt(0),
                first.path("config").path("quota_total").asInt(100));
    }

    /** The permalink of a published Page post ({@code permalink_url}) or Instagram media ({@code permalink}). */
    public String permalink(String objectId, String token, boolean instagram) {
        Map<String, String> params = new LinkedHashMap<>();
        String field = instagram ? "permalink" : "permalink_url";
        params.put("fields", field);
        withToken(params, token);
        return text(call(instagram ? "ig/media_object" : "page/post", "/" + objectId, params, List.of(token)), field);
    }

    /** The latest posts of a Page ({@code /{page}/published_posts}) or media of an Instagram account ({@code /{ig-user}/media}). */
    public List<PlatformMedia> recentMedia(String ownerId, String token, boolean instagram, int limit) {
        return recentMediaPage(ownerId, token, instagram, limit, null).items();
    }

    /**
     * The posts of a Page or media of an Instagram account, newest first, back to {@code since}: page after page
     * (100 a page), at most {@code maxItems}.
     */
    public List<PlatformMedia> recentMediaSince(String ownerId, String token, boolean instagram, Instant since,
            int maxItems) {
        return listSince(since, maxItems, PlatformMedia::createdAt,
                after -> recentMediaPage(ownerId, token, instagram, 100, after));
    }

    /**
     * An Instagram Story as {@code /{ig-user}/stories} lists it: {@code mediaType} {@code IMAGE} or {@code VIDEO}.
     * A Story has no caption and nothing of the container it was published from.
     */
    public record InstagramStory(String id, String mediaType, Instant createdAt, String permalink) {
    }

    /**
     * The account's Stories, newest first, back to {@code since}: Meta lists a Story at {@code /{ig-user}/stories}
     * only while it is live (24 hours), and never at {@code /{ig-user}/media}.
     */
    public List<InstagramStory> instagramStoriesSince(String instagramId, String token, Instant since, int maxItems) {
        return listSince(since, maxItems, InstagramStory::createdAt, after -> listPage("ig/stories_list",
                "/" + instagramId + "/stories", "id,media_type,media_product_type,timestamp,permalink", 100, after,
                token, item -> {
                    String at = text(item, "timestamp");
                    return new InstagramStory(text(item, "id"), text(item, "media_type"),
                            at == null ? null : parseGraphTime(at), text(item, "permalink"));
                }));
    }

    private record ListPage<T>(List<T> items, String after) {
    }

    /** Items of a Graph list, newest first, page after page back to {@code since}, at most {@code maxItems}. */
    private static <T> List<T> listSince(Instant since, int maxItems, java.util.function.Function<T, Instant> time,
            java.util.function.Function<String, ListPage<T>> pages) {
        List<T> all = new ArrayList<>();
        String after = null;
        do {
            ListPage<T> page = pages.apply(after);
            for (T item : page.items()) {
                Instant at = time.apply(item);
                if (at != null && at.isBefore(since)) {
                    return List.copyOf(all);
                }
                all.add(item);
            }
            after = page.after();
        } while (after != null && all.size() < maxItems);
        return List.copyOf(all);
    }

    /** One page of a Graph list: each item read by {@code item}, and the cursor of the next page (null: none). */
    private <T> ListPage<T> listPage(String operation, String path, String fields, int limit, String after,
            String token, java.util.function.Function<JsonNode, T> item) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", fields);
        params.put("limit", Integer.toString(limit));
        if (after != null) {
            params.put("after", after);
        }
        withToken(params, token);
        JsonNode body = call(operation, path, params, List.of(token));
        List<T> items = new ArrayList<>();
        for (JsonNode node : body.path("data")) {
            items.add(item.apply(node));
        }
        JsonNode paging = body.path("paging");
        String next = paging.has("next") && !items.isEmpty() ? text(paging.path("cursors"), "after") : null;
        return new ListPage<>(List.copyOf(items), next);
    }

    private ListPage<PlatformMedia> recentMediaPage(String ownerId, String token, boolean instagram, int limit,
            String after) {
        return instagram
                ? listPage("ig/media_list", "/" + ownerId + "/media", "id,caption,timestamp,permalink", limit, after,
                        token, item -> media(item, "caption", "timestamp", "permalink"))
                : listPage("page/published_posts", "/" + ownerId + "/published_posts",
                        "id,message,created_time,permalink_url", limit, after, token,
                        item -> media(item, "message", "created_time", "permalink_url"));
    }

    private static PlatformMedia media(JsonNode item, String caption, String time, String permalink) {
        String at = text(item, time);
        return new PlatformMedia(text(item, "id"), text(item, caption), at == null ? null : parseGraphTime(at),
                text(item, permalink));
    }

    /** Which upload session a Facebook video goes through: a Reel ({@code video_reels}) or a video Story. */
    public enum FacebookUpload {
        REEL("video_reels"), STORY("video_stories");

        private final String edge;

        FacebookUpload(String edge) {
            this.edge = edge;
        }
    }

    /**
     * Starts a Reel's or video Story's upload session ({@code POST /{page}/video_reels} or {@code /video_stories}
     * with {@code upload_phase=start}); answers the video id, which names the Reel or Story from here on.
     */
    public String startFacebookUpload(String pageId, String pageToken, FacebookUpload kind) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("upload_phase", "start");
        withToken(params, pageToken);
        return text(call(HttpMethod.POST, "page/" + kind.edge + "/start", "/" + pageId + "/" + kind.edge, params,
                List.of(pageToken)), "video_id");
    }

    /**
     * Has Meta fetch a hosted video into an upload session: {@code POST https://rupload.facebook.com/video-upload/
     * {version}/{video-id}} with the headers {@code Authorization: OAuth {page token}} and {@code file_url}. The
     * upload host is configured, never taken from the start phase's {@code upload_url}, so the token goes nowhere
     * else.
     */
    public void uploadHostedVideo(String videoId, String pageToken, String fileUrl) {
        URI uri = UriComponentsBuilder.fromUri(endpoints.rupload())
                .path("/video-upload/" + properties.graphVersion() + "/{video}").buildAndExpand(videoId).encode()
                .toUri();
        exchange(HttpMethod.POST, "rupload", uri, Map.of(HttpHeaders.AUTHORIZATION, "OAuth " + pageToken,
                "file_url", fileUrl), List.of(pageToken));
    }

    /**
     * A video's {@code status}: {@code video_status} ({@code upload_complete}, {@code processing}, {@code ready},
     * {@code error}) and the status of its uploading, processing and publishing phases ({@code not_started},
     * {@code in_progress}, {@code complete}, {@code error}); {@code error} the processing phase's first error message.
     */
    public record VideoStatus(String videoStatus, String uploading, String processing, String publishing,
            String error) {

        public boolean uploaded() {
            return "complete".equals(uploading);
        }

        /** The finish phase was accepted: Meta publishes the video once it is processed. */
        public boolean finishing() {
            return publishing != null && !"not_started".equals(publishing);
        }

        public boolean published() {
            return "complete".equals(publishing);
        }

        public boolean failed() {
            return "error".equals(videoStatus) || "error".equals(processing) || "error".equals(uploading)
                    || "error".equals(publishing);
        }
    }

    /** {@code GET /{video-id}?fields=status}: where Meta is with an uploaded video. */
    public VideoStatus videoStatus(String videoId, String token) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", "status");
        withToken(params, token);
        JsonNode status = call("page/video", "/" + videoId, params, List.of(token)).path("status");
        JsonNode errors = status.path("processing_phase").path("errors");
        String error = errors.isArray() && !errors.isEmpty() ? text(errors.get(0), "message") : null;
        return new VideoStatus(text(status, "video_status"), text(status.path("uploading_phase"), "status"),
                text(status.path("processing_phase"), "status"), text(status.path("publishing_phase"), "status"),
                error);
    }

    /**
     * Ends an upload session ({@code upload_phase=finish}): a Reel with {@code video_state=PUBLISHED} and its
     * {@code description}, a video Story as it is. Answers the post id when Meta gives one (Stories), else null.
     */
    public String finishFacebookUpload(String pageId, String pageToken, FacebookUpload kind, String videoId,
            String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("upload_phase", "finish");
        params.put("video_id", videoId);
        if (kind == FacebookUpload.REEL) {
            params.put("video_state", "PUBLISHED");
            if (description != null) {
                params.put("description", description);
            }
        }
        withToken(params, pageToken);
        return text(call(HttpMethod.POST, "page/" + kind.edge + "/finish", "/" + pageId + "/" + kind.edge, params,
                List.of(pageToken)), "post_id");
    }

    /** A photo Story from a photo uploaded unpublished ({@code POST /{page}/photo_stories} with {@code photo_id}). */
    public String publishPhotoStory(String pageId, String pageToken, String photoId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("photo_id", photoId);
        withToken(params, pageToken);
        return text(call(HttpMethod.POST, "page/photo_stories", "/" + pageId + "/photo_stories", params,
                List.of(pageToken)), "post_id");
    }

    /**
     * A video in the Page's feed ({@code POST /{page}/videos} with {@code file_url}; Meta fetches it), with its
     * {@code description} and an optional {@code title}. Answers the video id; Meta processes it afterwards.
     */
    public String publishPageVideo(String pageId, String pageToken, String fileUrl, String title,
            String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("file_url", fileUrl);
        if (title != null) {
            params.put("title", title);
        }
        if (description != null) {
            params.put("description", description);
        }
        withToken(params, pageToken);
        return text(call(HttpMethod.POST, "page/videos", "/" + pageId + "/videos", params, List.of(pageToken)), "id");
    }

    /**
     * The Page's videos ({@code /{page}/videos}) or Reels ({@code /{page}/video_reels}), newest first, back to
     * {@code since}: id, description, creation time, permalink.
     */
    public List<PlatformMedia> pageVideosSince(String pageId, String token, boolean reels, Instant since,
            int maxItems) {
        String edge = reels ? "video_reels" : "videos";
        return listSince(since, maxItems, PlatformMedia::createdAt, after -> listPage("page/" + edge + "/list",
                "/" + pageId + "/" + edge, "id,description,created_time,permalink_url", 100, after, token,
                item -> media(item, "description", "created_time", "permalink_url")));
    }

    /** A Page's Story as {@code /{page}/stories} lists it: its post id and the photo or video it shows. */
    public record PageStory(String postId, String mediaId, String mediaType, String status, Instant createdAt,
            String url) {
    }

    /** The Page's Stories, newest first, back to {@code since}. */
    public List<PageStory> pageStoriesSince(String pageId, String token, Instant since, int maxItems) {
        return listSince(since, maxItems, PageStory::createdAt, after -> listPage("page/stories/list",
                "/" + pageId + "/stories", "post_id,media_id,media_type,status,creation_time,url", 100, after,
                token, item -> {
                    String at = text(item, "creation_time");
                    // Meta's Story list writes creation_time as epoch seconds; Graph's usual form is taken too.
                    Instant created = at == null ? null : at.chars().allMatch(Character::isDigit)
                            ? Instant.ofEpochSecond(Long.parseLong(at)) : parseGraphTime(at);
                    return new PageStory(text(item, "post_id"), text(item, "media_id"), text(item, "media_type"),
                            text(item, "status"), created, text(item, "url"));
                }));
    }

    /** Likes, comments and (Facebook only, when any) shares of a published post or media; null shares: not known. */
    public record Engagement(int likes, int comments, Integer shares) {
    }

    /**
     * The engagement of a Page post ({@code likes/comments .summary(true).limit(0)}, {@code shares}) or an
     * Instagram media ({@code like_count}, {@code comments_count}); no deprecated insights metric is asked.
     */
    public Engagement engagement(String objectId, String token, boolean instagram) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", instagram ? "like_count,comments_count"
                : "likes.summary(true).limit(0),comments.summary(true).limit(0),shares");
        withToken(params, token);
        JsonNode body = call(instagram ? "ig/media_object" : "page/post", "/" + objectId, params, List.of(token));
        if (instagram) {
            return new Engagement(body.path("like_count").asInt(0), body.path("comments_count").asInt(0), null);
        }
        return new Engagement(body.path("likes").path("summary").path("total_count").asInt(0),
                body.path("comments").path("summary").path("total_count").asInt(0),
                body.path("shares").path("count").asInt(0));
    }

    private static Instant parseGraphTime(String time) {
        // Graph writes "2019-04-05T07:56:32+0000".
        return java.time.OffsetDateTime.parse(time, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXX"))
                .toInstant();
    }

    /** {@code hex(HMAC-SHA256(app secret, token))}, proving the call comes from the app's server. */
    String appSecretProof(String token) {
        return HexFormat.of().formatHex(appSecret.sign(token.getBytes(StandardCharsets.UTF_8)));
    }

    private void withToken(Map<String, String> params, String token) {
        params.put("access_token", token);
        params.put("appsecret_proof", appSecretProof(token));
    }

    /**
     * One GET. {@code operation} is a fixed name for logs and metrics; {@code secrets} are removed from any
     * message Graph sends back, in case it echoes them.
     */
    private JsonNode call(String operation, String path, Map<String, String> params, List<String> tokens) {
        return call(HttpMethod.GET, operation, path, params, tokens);
    }

    private JsonNode call(HttpMethod method, String operation, String path, Map<String, String> params,
            List<String> tokens) {
        return exchange(method, operation, uri(path, params), Map.of(), tokens);
    }

    private JsonNode exchange(HttpMethod method, String operation, URI uri, Map<String, String> headers,
            List<String> tokens) {
        List<String> secrets = new ArrayList<>(tokens);
        secrets.add(properties.appSecret());
        usage.pauseIfNeeded();
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            Response response = http.method(method).uri(uri).accept(MediaType.APPLICATION_JSON)
                    .headers(h -> headers.forEach(h::set))
                    .exchange((request, res) -> new Response(res.getStatusCode().value(), res.getHeaders(),
                            res.getBody().readAllBytes()), true);
            usage.record(response.headers());
            JsonNode body = parse(response.body());
            if (response.status() >= 200 && response.status() < 300 && body != null && !body.has("error")) {
                outcome = "ok";
                log.debug("Graph {} answered {}", operation, response.status());
                return body;
            }
            GraphError error = error(operation, response.status(), body, secrets);
            outcome = error.kind().name().toLowerCase();
            log.info("Graph {} failed: code {} ({})", operation, error.codeText(), error.kind());
            throw error;
        } catch (ResourceAccessException e) {
            outcome = "no_answer";
            log.warn("Graph {} did not answer: {}", operation, e.getMostSpecificCause().getClass().getSimpleName());
            throw new GraphError(GraphError.Kind.TRANSIENT, null, null, "Facebook did not answer in time.",
                    "Graph " + operation + " did not answer (" + e.getMostSpecificCause().getClass().getSimpleName()
                            + ")", null);
        } finally {
            sample.stop(Timer.builder("forkcast.meta.calls").tag("operation", operation).tag("outcome", outcome)
                    .description("Graph API calls").register(registry));
        }
    }

    private record Response(int status, HttpHeaders headers, byte[] body) {
    }

    private GraphError error(String operation, int status, JsonNode body, List<String> secrets) {
        JsonNode error = body == null ? null : body.path("error");
        JsonNode debug = body == null ? null : body.path("debug_info");
        if ((error == null || !error.isObject()) && debug != null && debug.isObject()) {
            // The resumable upload host answers {"debug_info": {"retriable", "type", "message"}}, not Graph's error.
            String message = redact(debug.path("message").asString(""), secrets);
            GraphError.Kind kind = debug.path("retriable").asBoolean(false) || status >= 500
                    ? GraphError.Kind.TRANSIENT : GraphError.Kind.INVALID_REQUEST;
            return new GraphError(kind, null, null, message, "Upload " + operation + " failed with "
                    + debug.path("type").asString("no type") + " (" + kind + "): " + message, null);
        }
        if (error == null || !error.isObject()) {
            GraphError.Kind kind = status >= 500 ? GraphError.Kind.TRANSIENT : GraphError.Kind.UNKNOWN;
            return new GraphError(kind, null, null, "Facebook answered HTTP " + status + ".",
                    "Graph " + operation + " answered HTTP " + status + " without an error body", null);
        }
        Integer code = error.has("code") ? error.path("code").asInt() : null;
        Integer subcode = error.has("error_subcode") ? error.path("error_subcode").asInt() : null;
        boolean isTransient = error.path("is_transient").asBoolean(false);
        String message = redact(error.path("message").asString(""), secrets);
        GraphError.Kind kind = GraphError.classify(code, subcode, isTransient);
        return new GraphError(kind, code, subcode, message,
                "Graph " + operation + " failed with code " + (code == null ? "none" : code)
                        + (subcode == null ? "" : "/" + subcode) + " (" + kind + "): " + message, null);
    }

    private URI uri(String path, Map<String, String> params) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(endpoints.graph())
                .path("/" + properties.graphVersion() + path);
        Map<String, String> variables = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            String variable = "v" + variables.size();
            builder.queryParam(name, "{" + variable + "}");
            variables.put(variable, value);
        });
        return builder.encode().buildAndExpand(variables).toUri();
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static UserAccessToken userToken(JsonNode body) {
        String token = text(body, "access_token");
        if (token == null) {
            throw new GraphError(GraphError.Kind.UNKNOWN, null, null, "Facebook returned no access token.",
                    "Graph token endpoint returned no access_token", null);
        }
        Duration expiresIn = body.has("expires_in") ? Duration.ofSeconds(body.path("expires_in").asLong()) : null;
        return new UserAccessToken(token, expiresIn);
    }

    private static Instant epoch(JsonNode node) {
        long seconds = node.asLong(0);
        return seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static String redact(String message, List<String> secrets) {
        String result = message;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                result = result.replace(secret, "[redacted]");
            }
        }
        return result;
    }
}
