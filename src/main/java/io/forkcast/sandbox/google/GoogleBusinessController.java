package io.forkcast.sandbox.google;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Business Profile APIs as the sandbox plays them: accounts (Account Management v1), locations (Business
 * Information v1, {@code readMask} required) and local posts (My Business v4: create, list, get, delete), with
 * Google's paging ({@code pageSize}, {@code pageToken}, {@code nextPageToken}), bearer authentication, the per-minute
 * quota, and the post rules Google enforces answered as {@code INVALID_ARGUMENT} with field violations.
 */
@RestController
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class GoogleBusinessController {

    static final int SUMMARY_MAX = 1500;
    static final int TITLE_MAX = 58;
    static final Set<String> TOPIC_TYPES = Set.of("STANDARD", "EVENT", "OFFER", "ALERT");
    static final Set<String> ACTION_TYPES = Set.of("BOOK", "ORDER", "SHOP", "LEARN_MORE", "SIGN_UP", "CALL");

    private static final String ACCOUNTS_SERVICE = "mybusinessaccountmanagement.googleapis.com";
    private static final String INFORMATION_SERVICE = "mybusinessbusinessinformation.googleapis.com";
    private static final String MYBUSINESS_SERVICE = "mybusiness.googleapis.com";

    private final GoogleSandbox sandbox;
    private final GooglePhotoFetch photos;
    private final GoogleSandboxFaults faults;
    private final JsonMapper json;

    GoogleBusinessController(GoogleSandbox sandbox, GooglePhotoFetch photos, GoogleSandboxFaults faults,
            JsonMapper json) {
        this.sandbox = sandbox;
        this.photos = photos;
        this.faults = faults;
        this.json = json;
    }

    @GetMapping("/sandbox/google/mybusinessaccountmanagement/v1/accounts")
    Map<String, Object> accounts(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String bearer,
            @RequestParam(required = false) Integer pageSize, @RequestParam(required = false) String pageToken) {
        GoogleSandbox.Grant grant = enter("accounts/list", ACCOUNTS_SERVICE, bearer);
        List<GoogleSandbox.Account> accounts = sandbox.user().id().equals(grant.userId)
                ? sandbox.user().accounts() : List.of();
        return page("accounts", accounts, pageSize, pageToken, 20, account -> Map.of("name", account.name(),
                "accountName", account.accountName(), "type", account.type(), "role", "PRIMARY_OWNER",
                "verificationState", "VERIFIED", "vettedState", "NOT_VETTED"));
    }

    @GetMapping("/sandbox/google/mybusinessbusinessinformation/v1/accounts/{account}/locations")
    Map<String, Object> locations(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String bearer,
            @PathVariable String account, @RequestParam(required = false) String readMask,
            @RequestParam(required = false) Integer pageSize, @RequestParam(required = false) String pageToken) {
        GoogleSandbox.Grant grant = enter("locations/list", INFORMATION_SERVICE, bearer);
        if (readMask == null || readMask.isBlank()) {
            throw GoogleApiException.invalidArgument(Map.of("read_mask", "Field is required"));
        }
        Set<String> fields = Set.of(readMask.split(","));
        List<GoogleSandbox.Location> locations = sandbox.account(grant, "accounts/" + account).locations();
        Map<String, Object> answer = page("locations", locations, pageSize, pageToken, 100, location -> {
            Map<String, Object> item = new LinkedHashMap<>();
            if (fields.contains("name")) {
                item.put("name", location.name());
            }
            if (fields.contains("title")) {
                item.put("title", location.title());
            }
            if (fields.contains("storefrontAddress")) {
                item.put("storefrontAddress", Map.of("regionCode", "IT", "languageCode", "it", "locality",
                        location.locality(), "addressLines", List.of(location.addressLine())));
            }
            return item;
        });
        answer.put("totalSize", locations.size());
        return answer;
    }

    @PostMapping("/sandbox/google/mybusiness/v4/accounts/{account}/locations/{location}/localPosts")
    Map<String, Object> createPost(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String bearer,
            @PathVariable String account, @PathVariable String location, @RequestBody JsonNode body) {
        GoogleSandbox.Grant grant = enter("localPosts/create", MYBUSINESS_SERVICE, bearer);
        sandbox.location(grant, "accounts/" + account, "locations/" + location);
        Map<String, Object> post = validated(body);
        Map<String, Object> created = sandbox.addPost("accounts/" + account + "/locations/" + location, post);
        faults.afterSuccess("localPosts/create");
        return created;
    }

    @GetMapping("/sandbox/google/mybusiness/v4/accounts/{account}/locations/{location}/localPosts")
    Map<String, Object> listPosts(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String bearer,
            @PathVariable String account, @PathVariable String location,
            @RequestParam(required = false) Integer pageSize, @RequestParam(required = false) String pageToken) {
        GoogleSandbox.Grant grant = enter("localPosts/list", MYBUSINESS_SERVICE, bearer);
        sandbox.location(grant, "accounts/" + account, "locations/" + location);
        return page("localPosts", sandbox.posts("accounts/" + account + "/locations/" + location), pageSize,
                pageToken, 100, Function.identity());
    }

    @GetMapping("/sandbox/google/mybusiness/v4/accounts/{account}/locations/{location}/localPosts/{post}")
    Map<String, Object> getPost(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String bearer,
            @PathVariable String account, @PathVariable String location, @PathVariable String post) {
        GoogleSandbox.Grant grant = enter("localPosts/get", MYBUSINESS_SERVICE, bearer);
        sandbox.location(grant, "accounts/" + account, "locations/" + location);
        return sandbox.post("accounts/" + account + "/locations/" + location + "/localPosts/" + post)
                .orElseThrow(() -> GoogleApiException.notFound("Requested entity was not found."));
    }

    @DeleteMapping("/sandbox/google/mybusiness/v4/accounts/{account}/locations/{location}/localPosts/{post}")
    Map<String, Object> deletePost(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String bearer,
            @PathVariable String account, @PathVariable String location, @PathVariable String post) {
        GoogleSandbox.Grant grant = enter("localPosts/delete", MYBUSINESS_SERVICE, bearer);
        sandbox.location(grant, "accounts/" + account, "locations/" + location);
        if (!sandbox.deletePost("accounts/" + account + "/locations/" + location + "/localPosts/" + post)) {
            throw GoogleApiException.notFound("Requested entity was not found.");
        }
        return Map.of();
    }

    /** Faults first (as if Google's front end answered), then authentication, then the quota. */
    private GoogleSandbox.Grant enter(String operation, String service, String bearer) {
        faults.before(operation);
        GoogleSandbox.Grant grant = sandbox.authenticate(bearer);
        sandbox.takeQuota(service);
        return grant;
    }

    /** Google's rules for a local post; every broken one is named, as Google's BadRequest does. */
    private Map<String, Object> validated(JsonNode body) {
        Map<String, String> violations = new LinkedHashMap<>();
        String topic = body.path("topicType").asString("");
        if (!TOPIC_TYPES.contains(topic)) {
            violations.put("topic_type", "Must be one of STANDARD, EVENT, OFFER or ALERT.");
        }
        String summary = body.path("summary").asString("");
        if (summary.codePointCount(0, summary.length()) > SUMMARY_MAX) {
            violations.put("summary", "Summary must be at most " + SUMMARY_MAX + " characters.");
        }
        if ("STANDARD".equals(topic) && summary.isBlank() && body.path("media").isEmpty()) {
            violations.put("summary", "A post needs a summary or a photo.");
        }
        JsonNode action = body.path("callToAction");
        if (!action.isMissingNode()) {
            String type = action.path("actionType").asString("");
            if (!ACTION_TYPES.contains(type)) {
                violations.put("call_to_action.action_type", "Unknown action type.");
            } else if ("CALL".equals(type) && action.has("url")) {
                violations.put("call_to_action.url", "A CALL action takes no URL: Google dials the listing's number.");
            } else if (!"CALL".equals(type) && !isUrl(action.path("url").asString(""))) {
                violations.put("call_to_action.url", "A valid http or https URL is required.");
            }
        }
        if ("EVENT".equals(topic) || "OFFER".equals(topic)) {
            JsonNode event = body.path("event");
            String title = event.path("title").asString("");
            if (title.isBlank()) {
                violations.put("event.title", "Title is required for " + topic + " posts.");
            } else if (title.codePointCount(0, title.length()) > TITLE_MAX) {
                violations.put("event.title", "Title must be at most " + TITLE_MAX + " characters.");
            }
            JsonNode schedule = event.path("schedule");
            LocalDateTime start = dateTime(schedule, "start");
            LocalDateTime end = dateTime(schedule, "end");
            if (start == null || end == null) {
                violations.put("event.schedule", "Start and end date are required.");
            } else if (!end.isAfter(start)) {
                violations.put("event.schedule", "The end must be after the start.");
            }
        }
        if ("OFFER".equals(topic)) {
            String redeem = body.path("offer").path("redeemOnlineUrl").asString("");
            if (!redeem.isEmpty() && !isUrl(redeem)) {
                violations.put("offer.redeem_online_url", "A valid http or https URL is required.");
            }
        }
        JsonNode media = body.path("media");
        for (int i = 0; i < media.size(); i++) {
            String source = media.get(i).path("sourceUrl").asString("");
            if (!"PHOTO".equals(media.get(i).path("mediaFormat").asString(""))) {
                violations.put("media[" + i + "].media_format", "Only PHOTO is supported in local posts.");
            } else if (!isUrl(source)) {
                violations.put("media[" + i + "].source_url", "A valid http or https URL is required.");
            } else {
                String index = "media[" + i + "].source_url";
                photos.problem(source).ifPresent(problem -> violations.put(index, problem));
            }
        }
        if (!violations.isEmpty()) {
            throw GoogleApiException.invalidArgument(violations);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> post = json.convertValue(body, LinkedHashMap.class);
        post.putIfAbsent("languageCode", "en");
        if (post.get("media") instanceof List<?> items) {
            List<Map<String, Object>> withGoogleUrls = new ArrayList<>();
            for (Object item : items) {
                @SuppressWarnings("unchecked")
                Map<String, Object> photo = new LinkedHashMap<>((Map<String, Object>) item);
                photo.put("googleUrl", "https://lh3.googleusercontent.com/p/sandbox-" + Math.abs(
                        String.valueOf(photo.get("sourceUrl")).hashCode()));
                withGoogleUrls.add(photo);
            }
            post.put("media", withGoogleUrls);
        }
        return post;
    }

    private static LocalDateTime dateTime(JsonNode schedule, String prefix) {
        JsonNode date = schedule.path(prefix + "Date");
        if (date.isMissingNode()) {
            return null;
        }
        JsonNode time = schedule.path(prefix + "Time");
        try {
            return LocalDateTime.of(date.path("year").asInt(), date.path("month").asInt(), date.path("day").asInt(),
                    time.path("hours").asInt(0), time.path("minutes").asInt(0));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean isUrl(String value) {
        return GoogleSandbox.absoluteHttp(value);
    }

    /** Google's paging: {@code pageToken} is an opaque offset here; {@code nextPageToken} absent on the last page. */
    static <T> Map<String, Object> page(String field, List<T> items, Integer pageSize, String pageToken,
            int maxSize, Function<T, Map<String, Object>> view) {
        int size = pageSize == null || pageSize <= 0 ? maxSize : Math.min(pageSize, maxSize);
        int from;
        try {
            from = pageToken == null || pageToken.isEmpty() ? 0 : Integer.parseInt(new String(
                    java.util.Base64.getUrlDecoder().decode(pageToken), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw GoogleApiException.invalidArgument(Map.of("page_token", "Invalid page token."));
        }
        int to = Math.min(items.size(), from + size);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(field, items.subList(Math.min(from, items.size()), to).stream().map(view).toList());
        if (to < items.size()) {
            answer.put("nextPageToken", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    Integer.toString(to).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return answer;
    }

}
