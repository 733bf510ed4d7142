package io.forkcast.google;

import io.forkcast.shared.DomainException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every call Forkcast makes to Google: the consent URL (authorization code with PKCE and offline access), the token
 * endpoint (code, refresh), revocation, Business Profile accounts and locations, v4 local posts, food menus and
 * reviews, and the Performance API's daily metrics. Google's error
 * bodies become a {@link GoogleError} with a kind; no token or client secret reaches a log line, an exception
 * message or a metric tag (operations are fixed names).
 */
@Component
public class GoogleClient {

    private static final Logger log = LoggerFactory.getLogger(GoogleClient.class);

    private final GoogleProperties properties;
    private final GoogleEndpoints endpoints;
    private final JsonMapper json;
    private final MeterRegistry registry;
    private final RestClient http;

    /** Whether this deployment offers Google at all ({@code forkcast.google.enabled}). */
    public boolean enabled() {
        return properties.enabled();
    }

    /** Refuses what needs Google on a deployment that has switched it off: a 404 problem saying so. */
    public void requireEnabled() {
        if (!properties.enabled()) {
            throw new DomainException(HttpStatus.NOT_FOUND, NOT_ENABLED);
        }
    }

    /** Why a Google request is refused when Google is off, in the words the API and the dashboard use. */
    public static final String NOT_ENABLED = "Google is not enabled on this Forkcast: its operator has switched "
            + "Google Business Profile off (forkcast.google.enabled).";

    GoogleClient(GoogleProperties properties, GoogleEndpoints endpoints, JsonMapper json, MeterRegistry registry) {
        this.properties = properties;
        this.endpoints = endpoints;
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

    /** How long before its expiry an access token is refreshed rather than used. */
    public Duration refreshBefore() {
        return properties.refreshBefore();
    }

    /** The PKCE challenge of a verifier: {@code BASE64URL(SHA-256(verifier))} without padding (RFC 7636, S256). */
    public static String codeChallenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The consent screen a browser is sent to: our client, the exact redirect URI, the state, the PKCE challenge,
     * offline access (a refresh token) and {@code prompt=consent} (so that reconnecting yields a refresh token
     * again).
     */
    public URI authorizationUrl(URI redirectUri, String state, String codeVerifier) {
        return UriComponentsBuilder.fromUri(endpoints.authorization())
                .path("/o/oauth2/v2/auth")
                .queryParam("client_id", "{client_id}")
                .queryParam("redirect_uri", "{redirect_uri}")
                .queryParam("response_type", "code")
                .queryParam("scope", "{scope}")
                .queryParam("state", "{state}")
                .queryParam("code_challenge", "{challenge}")
                .queryParam("code_challenge_method", "S256")
                .queryParam("access_type", "offline")
                .queryParam("prompt", "consent")
                .queryParam("include_granted_scopes", "true")
                .encode()
                .buildAndExpand(properties.clientId(), redirectUri.toString(), String.join(" ", properties.scopes()),
                        state, codeChallenge(codeVerifier))
                .toUri();
    }

    /** The scopes Forkcast needs (and asks for). */
    public List<String> scopes() {
        return properties.scopes();
    }

    /** Exchanges the consent's code (with the PKCE verifier and the exact redirect URI) for tokens. */
    public GoogleTokens exchangeCode(String code, URI redirectUri, String codeVerifier) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        form.add("redirect_uri", redirectUri.toString());
        form.add("code_verifier", codeVerifier);
        return tokens(form, List.of(code, codeVerifier));
    }

    /** A fresh access token for a refresh token; {@link GoogleError.Kind#INVALID_GRANT} when the grant is gone. */
    public GoogleTokens refresh(String refreshToken) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "refresh_token");
        form.add("refresh_token", refreshToken);
        return tokens(form, List.of(refreshToken));
    }

    /** Revokes a token at Google (a refresh token ends the whole grant). An already revoked token is not an error. */
    public void revoke(String token) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("token", token);
        try {
            call("oauth/revoke", HttpMethod.POST, URI.create(endpoints.oauth() + "/revoke"), null, form, List.of(token));
        } catch (GoogleError e) {
            if (e.kind() != GoogleError.Kind.UNAUTHENTICATED && e.kind() != GoogleError.Kind.INVALID_GRANT) {
                throw e;
            }
        }
    }

    /** Every Business Profile account the token's user can act for, all pages read. */
    public List<BusinessAccount> accounts(String accessToken) {
        return pages("accounts/list", accessToken, "accounts",
                pageToken -> uri(endpoints.accountManagement(), "/v1/accounts", pageToken, Map.of()),
                item -> new BusinessAccount(text(item, "name"), text(item, "accountName"), text(item, "type")));
    }

    /** Every location of an account ({@code accounts/{id}}), all pages read. */
    public List<BusinessLocation> locations(String accessToken, String account) {
        return pages("locations/list", accessToken, "locations",
                pageToken -> uri(endpoints.businessInformation(), "/v1/" + account + "/locations", pageToken,
                        Map.of("readMask", "name,title,storefrontAddress")),
                item -> new BusinessLocation(account, text(item, "name"), text(item, "title"), address(item)));
    }

    /** Creates a post on a location ({@code accounts/{a}/locations/{l}}). */
    public LocalPost createLocalPost(String accessToken, String parent, NewLocalPost post) {
        JsonNode body = call("localPosts/create", HttpMethod.POST,
                URI.create(endpoints.myBusiness() + "/v4/" + parent + "/localPosts"), accessToken, body(post),
                List.of(accessToken));
        return localPost(body);
    }

    /** A post by its resource name. */
    public LocalPost localPost(String accessToken, String name) {
        return localPost(call("localPosts/get", HttpMethod.GET, URI.create(endpoints.myBusiness() + "/v4/" + name),
                accessToken, null, List.of(accessToken)));
    }

    /** Every post of a location, newest first, all pages read (what reconciliation matches against). */
    public List<LocalPost> localPosts(String accessToken, String parent) {
        return pages("localPosts/list", accessToken, "localPosts",
                pageToken -> uri(endpoints.myBusiness(), "/v4/" + parent + "/localPosts", pageToken, Map.of()),
                GoogleClient::localPost);
    }

    public void deleteLocalPost(String accessToken, String name) {
        call("localPosts/delete", HttpMethod.DELETE, URI.create(endpoints.myBusiness() + "/v4/" + name), accessToken,
                null, List.of(accessToken));
    }

    /**
     * Replaces a location's food menu ({@code PATCH v4/{parent}/foodMenus}, {@code updateMask=menus}): the whole
     * menu is written each time, so the last write wins.
     */
    public void updateFoodMenu(String accessToken, String parent, FoodMenu menu) {
        call("foodMenus/update", HttpMethod.PATCH, UriComponentsBuilder.fromUri(endpoints.myBusiness())
                .path("/v4/" + parent + "/foodMenus").queryParam("updateMask", "menus").build().toUri(),
                accessToken, foodMenus(parent, menu), List.of(accessToken));
    }

    /** Every review of a location, newest first, all pages read. */
    public List<Review> reviews(String accessToken, String parent) {
        return pages("reviews/list", accessToken, "reviews",
                pageToken -> uri(endpoints.myBusiness(), "/v4/" + parent + "/reviews", pageToken,
                        Map.of("orderBy", "updateTime desc")),
                GoogleClient::review);
    }

    /** Creates or replaces the owner's reply to a review ({@code PUT v4/{review}/reply}). */
    public Review.Reply updateReply(String accessToken, String reviewName, String comment) {
        ObjectNode body = json.createObjectNode().put("comment", comment);
        JsonNode answer = call("reviews/updateReply", HttpMethod.PUT,
                URI.create(endpoints.myBusiness() + "/v4/" + reviewName + "/reply"), accessToken, body,
                List.of(accessToken));
        String updated = text(answer, "updateTime");
        return new Review.Reply(text(answer, "comment"), updated == null ? null : Instant.parse(updated));
    }

    /** Deletes the owner's reply; a reply already gone is not an error. */
    public void deleteReply(String accessToken, String reviewName) {
        try {
            call("reviews/deleteReply", HttpMethod.DELETE,
                    URI.create(endpoints.myBusiness() + "/v4/" + reviewName + "/reply"), accessToken, null,
                    List.of(accessToken));
        } catch (GoogleError e) {
            if (e.kind() != GoogleError.Kind.NOT_FOUND) {
                throw e;
            }
        }
    }

    /**
     * A location's daily metrics from {@code from} to {@code to} inclusive
     * ({@code GET v1/locations/{l}:fetchMultiDailyMetricsTimeSeries}); a day Google reports no value for is absent
     * from that metric's map (Google omits zero values).
     *
     * @param location {@code locations/{locationId}}
     */
    public Map<DailyMetric, Map<LocalDate, Long>> dailyMetrics(String accessToken, String location, LocalDate from,
            LocalDate to) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(endpoints.performance())
                .path("/v1/" + location + ":fetchMultiDailyMetricsTimeSeries");
        for (DailyMetric metric : DailyMetric.all()) {
            builder.queryParam("dailyMetrics", metric.name());
        }
        builder.queryParam("dailyRange.startDate.year", from.getYear())
                .queryParam("dailyRange.startDate.month", from.getMonthValue())
                .queryParam("dailyRange.startDate.day", from.getDayOfMonth())
                .queryParam("dailyRange.endDate.year", to.getYear())
                .queryParam("dailyRange.endDate.month", to.getMonthValue())
                .queryParam("dailyRange.endDate.day", to.getDayOfMonth());
        JsonNode body = call("performance/fetchMultiDailyMetricsTimeSeries", HttpMethod.GET,
                builder.build().toUri(), accessToken, null, List.of(accessToken));
        Map<DailyMetric, Map<LocalDate, Long>> metrics = new java.util.EnumMap<>(DailyMetric.class);
        for (JsonNode multi : body.path("multiDailyMetricTimeSeries")) {
            for (JsonNode series : multi.path("dailyMetricTimeSeries")) {
                DailyMetric metric;
                try {
                    metric = DailyMetric.valueOf(series.path("dailyMetric").asString(""));
                } catch (IllegalArgumentException unknown) {
                    continue; // a metric Google added that Forkcast does not show
                }
                Map<LocalDate, Long> days = metrics.computeIfAbsent(metric, m -> new java.util.TreeMap<>());
                for (JsonNode dated : series.path("timeSeries").path("datedValues")) {
                    JsonNode date = dated.path("date");
                    LocalDate day = LocalDate.of(date.path("year").asInt(), date.path("month").asInt(),
                            date.path("day").asInt());
                    // int64 travels as a JSON string; a day without "value" is a day without any.
                    days.put(day, dated.has("value") ? Long.parseLong(dated.path("value").asString("0")) : 0L);
                }
            }
        }
        return metrics;
    }

    private ObjectNode foodMenus(String parent, FoodMenu menu) {
        ObjectNode body = json.createObjectNode();
        body.put("name", parent + "/foodMenus");
        if (menu.sections().isEmpty()) {
            body.putArray("menus"); // an empty menu takes the menu off the listing
            return body;
        }
        ObjectNode food = body.putArray("menus").addObject();
        label(food.putArray("labels"), "Menu", null, menu.language());
        ArrayNode sections = food.putArray("sections");
        for (FoodMenu.Section section : menu.sections()) {
            ObjectNode node = sections.addObject();
            label(node.putArray("labels"), section.name(), null, menu.language());
            ArrayNode items = node.putArray("items");
            for (FoodMenu.Dish dish : section.items()) {
                ObjectNode item = items.addObject();
                label(item.putArray("labels"), dish.name(), dish.description(), menu.language());
                ObjectNode attributes = item.putObject("attributes");
                if (dish.price() != null) {
                    java.math.BigDecimal price = dish.price();
                    long units = price.longValue();
                    int nanos = price.subtract(java.math.BigDecimal.valueOf(units)).movePointRight(9).intValue();
                    attributes.putObject("price").put("currencyCode", dish.currency())
                            .put("units", Long.toString(units)).put("nanos", nanos);
                }
                if (!dish.dietaryRestrictions().isEmpty()) {
                    ArrayNode diets = attributes.putArray("dietaryRestriction");
                    dish.dietaryRestrictions().forEach(diets::add);
                }
            }
        }
        return body;
    }

    private static void label(ArrayNode labels, String name, String description, String language) {
        ObjectNode label = labels.addObject().put("displayName", name);
        if (description != null) {
            label.put("description", description);
        }
        label.put("languageCode", language);
    }

    private static final List<String> STARS = List.of("ONE", "TWO", "THREE", "FOUR", "FIVE");

    private static Review review(JsonNode item) {
        JsonNode reviewer = item.path("reviewer");
        JsonNode reply = item.path("reviewReply");
        String created = text(item, "createTime");
        String updated = text(item, "updateTime");
        String replied = reply.isObject() ? text(reply, "updateTime") : null;
        return new Review(text(item, "name"),
                reviewer.path("isAnonymous").asBoolean(false) ? null : text(reviewer, "displayName"),
                STARS.indexOf(item.path("starRating").asString("")) + 1, text(item, "comment"),
                created == null ? null : Instant.parse(created), updated == null ? null : Instant.parse(updated),
                reply.isObject() ? text(reply, "comment") : null, replied == null ? null : Instant.parse(replied));
    }

    private GoogleTokens tokens(MultiValueMap<String, String> form, List<String> secrets) {
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        JsonNode body = call("oauth/token", HttpMethod.POST, URI.create(endpoints.oauth() + "/token"), null, form,
                secrets);
        String access = text(body, "access_token");
        if (access == null) {
            throw new GoogleError(GoogleError.Kind.TRANSIENT, 200, null, "Google returned no access token.", List.of(),
                    "Google oauth/token answered without access_token");
        }
        String scope = text(body, "scope");
        return new GoogleTokens(access, body.has("expires_in") ? Duration.ofSeconds(body.path("expires_in").asLong())
                : null, text(body, "refresh_token"), scope == null ? List.of() : Arrays.asList(scope.split(" ")));
    }

    private <T> List<T> pages(String operation, String accessToken, String field, Function<String, URI> page,
            Function<JsonNode, T> item) {
        List<T> all = new ArrayList<>();
        String pageToken = null;
        do {
            JsonNode body = call(operation, HttpMethod.GET, page.apply(pageToken), accessToken, null,
                    List.of(accessToken));
            body.path(field).forEach(node -> all.add(item.apply(node)));
            pageToken = text(body, "nextPageToken");
        } while (pageToken != null && !pageToken.isEmpty());
        return List.copyOf(all);
    }

    private URI uri(URI base, String path, String pageToken, Map<String, String> params) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(base).path(path);
        Map<String, Object> variables = new LinkedHashMap<>();
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("pageSize", Integer.toString(properties.pageSize()));
        if (pageToken != null) {
            all.put("pageToken", pageToken);
        }
        all.forEach((name, value) -> {
            String variable = "v" + variables.size();
            builder.queryParam(name, "{" + variable + "}");
            variables.put(variable, value);
        });
        return builder.encode().buildAndExpand(variables).toUri();
    }

    private ObjectNode body(NewLocalPost post) {
        ObjectNode body = json.createObjectNode();
        body.put("languageCode", post.languageCode());
        body.put("topicType", post.topicType());
        if (post.summary() != null) {
            body.put("summary", post.summary());
        }
        if (post.actionType() != null) {
            ObjectNode action = body.putObject("callToAction");
            action.put("actionType", post.actionType());
            if (post.actionUrl() != null) {
                action.put("url", post.actionUrl().toString());
            }
        }
        if (post.title() != null || post.start() != null) {
            ObjectNode event = body.putObject("event");
            event.put("title", post.title());
            ObjectNode schedule = event.putObject("schedule");
            if (post.start() != null) {
                putDateTime(schedule, "start", post.start());
            }
            if (post.end() != null) {
                putDateTime(schedule, "end", post.end());
            }
        }
        if ("OFFER".equals(post.topicType())) {
            ObjectNode offer = body.putObject("offer");
            if (post.couponCode() != null) {
                offer.put("couponCode", post.couponCode());
            }
            if (post.redeemUrl() != null) {
                offer.put("redeemOnlineUrl", post.redeemUrl().toString());
            }
            if (post.terms() != null) {
                offer.put("termsConditions", post.terms());
            }
        }
        if (!post.photoUrls().isEmpty()) {
            ArrayNode media = body.putArray("media");
            for (URI url : post.photoUrls()) {
                media.addObject().put("mediaFormat", "PHOTO").put("sourceUrl", url.toString());
            }
        }
        return body;
    }

    private static void putDateTime(ObjectNode schedule, String prefix, LocalDateTime at) {
        schedule.putObject(prefix + "Date").put("year", at.getYear()).put("month", at.getMonthValue())
                .put("day", at.getDayOfMonth());
        schedule.putObject(prefix + "Time").put("hours", at.getHour()).put("minutes", at.getMinute())
                .put("seconds", 0).put("nanos", 0);
    }

    private static LocalPost localPost(JsonNode item) {
        String created = text(item, "createTime");
        return new LocalPost(text(item, "name"), text(item, "topicType"), text(item, "summary"),
                text(item.path("event"), "title"), text(item, "state"), text(item, "searchUrl"),
                created == null ? null : Instant.parse(created));
    }

    private static String address(JsonNode location) {
        JsonNode address = location.path("storefrontAddress");
        if (address.isMissingNode()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        JsonNode lines = address.path("addressLines");
        if (!lines.isEmpty()) {
            parts.add(lines.get(0).asString());
        }
        if (text(address, "locality") != null) {
            parts.add(text(address, "locality"));
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /**
     * One call. {@code operation} is a fixed name for logs and metrics; {@code secrets} are removed from any
     * message Google sends back, in case it echoes them.
     */
    private JsonNode call(String operation, HttpMethod method, URI uri, String accessToken, Object body,
            List<String> tokens) {
        List<String> secrets = new ArrayList<>(tokens);
        if (properties.clientSecret() != null) {
            secrets.add(properties.clientSecret());
        }
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            RestClient.RequestBodySpec request = http.method(method).uri(uri).accept(MediaType.APPLICATION_JSON);
            if (accessToken != null) {
                request.header("Authorization", "Bearer " + accessToken);
            }
            if (body instanceof MultiValueMap<?, ?> form) {
                request.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form);
            } else if (body instanceof JsonNode node) {
                request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(node));
            }
            Response response = request.exchange((req, res) -> new Response(res.getStatusCode().value(),
                    res.getBody().readAllBytes()), true);
            JsonNode parsed = parse(response.body());
            if (response.status() >= 200 && response.status() < 300) {
                outcome = "ok";
                return parsed == null ? json.createObjectNode() : parsed;
            }
            GoogleError error = error(operation, response.status(), parsed, secrets);
            outcome = error.kind().name().toLowerCase();
            log.info("Google {} failed: HTTP {} {} ({})", operation, error.httpStatus(), error.status(), error.kind());
            throw error;
        } catch (ResourceAccessException e) {
            outcome = "no_answer";
            String cause = e.getMostSpecificCause().getClass().getSimpleName();
            log.warn("Google {} did not answer: {}", operation, cause);
            throw new GoogleError(GoogleError.Kind.TRANSIENT, 0, null, "Google did not answer in time.", List.of(),
                    "Google " + operation + " did not answer (" + cause + ")");
        } finally {
            sample.stop(Timer.builder("forkcast.google.calls").tag("operation", operation).tag("outcome", outcome)
                    .description("Calls to Google's OAuth and Business Profile APIs").register(registry));
        }
    }

    private record Response(int status, byte[] body) {
    }

    /**
     * Google answers its APIs' errors as {@code {"error": {"code", "message", "status", "details"}}} and its OAuth
     * endpoints' as {@code {"error": "invalid_grant", "error_description"}}.
     */
    private static GoogleError error(String operation, int httpStatus, JsonNode body, List<String> secrets) {
        JsonNode error = body == null ? null : body.path("error");
        String status = null;
        String message = "Google answered HTTP " + httpStatus + ".";
        List<GoogleError.FieldViolation> violations = new ArrayList<>();
        if (error != null && error.isObject()) {
            status = text(error, "status");
            message = redact(error.path("message").asString(message), secrets);
            for (JsonNode detail : error.path("details")) {
                for (JsonNode violation : detail.path("fieldViolations")) {
                    violations.add(new GoogleError.FieldViolation(text(violation, "field"),
                            redact(violation.path("description").asString(""), secrets)));
                }
            }
        } else if (error != null && error.isString()) {
            status = error.asString();
            message = redact(body.path("error_description").asString(status), secrets);
        }
        GoogleError.Kind kind = GoogleError.classify(httpStatus, status);
        return new GoogleError(kind, httpStatus, status, message, violations,
                "Google " + operation + " answered HTTP " + httpStatus + " " + (status == null ? "" : status)
                        + " (" + kind + "): " + message);
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
