package io.forkcast.sandbox.google;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rest of a listing as the sandbox plays it: the food menu (My Business v4 {@code foodMenus}: get, and patch
 * with {@code updateMask}), reviews (v4: list with paging and the average, reply, delete the reply) and the
 * Performance API's {@code fetchMultiDailyMetricsTimeSeries}, behind the same faults, authentication and per-minute
 * quota as the posts, with Google's {@code INVALID_ARGUMENT} field violations.
 */
@RestController
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class GoogleListingSandboxController {

    static final int LABEL_MAX = 140;
    static final int DESCRIPTION_MAX = 1000;
    static final int REPLY_MAX_BYTES = 4096;
    static final Set<String> DIETARY = Set.of("HALAL", "KOSHER", "ORGANIC", "VEGAN", "VEGETARIAN");
    static final Set<String> METRICS = Set.of("BUSINESS_IMPRESSIONS_DESKTOP_MAPS",
            "BUSINESS_IMPRESSIONS_DESKTOP_SEARCH", "BUSINESS_IMPRESSIONS_MOBILE_MAPS",
            "BUSINESS_IMPRESSIONS_MOBILE_SEARCH", "BUSINESS_CONVERSATIONS", "BUSINESS_DIRECTION_REQUESTS",
            "CALL_CLICKS", "WEBSITE_CLICKS", "BUSINESS_BOOKINGS", "BUSINESS_FOOD_ORDERS", "BUSINESS_FOOD_MENU_CLICKS");

    private static final String MYBUSINESS_SERVICE = "mybusiness.googleapis.com";
    private static final String PERFORMANCE_SERVICE = "businessprofileperformance.googleapis.com";
    private static final String V4 = "/sandbox/google/mybusiness/v4/accounts/{account}/locations/{location}";

    private final GoogleSandbox sandbox;
    private final GoogleListingSandbox listing;
    private final GoogleSandboxFaults faults;
    private final JsonMapper json;

    GoogleListingSandboxController(GoogleSandbox sandbox, GoogleListingSandbox listing, GoogleSandboxFaults faults,
            JsonMapper json) {
        this.sandbox = sandbox;
        this.listing = listing;
        this.faults = faults;
        this.json = json;
    }

    @GetMapping(V4 + "/foodMenus")
    Map<String, Object> foodMenus(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String bearer,
            @PathVariable String account, @PathVariable String location) {
        return listing.foodMenus(parent(enter("foodMenus/get", MYBUSINESS_SERVICE, bearer), account, location));
    }

    @PatchMapping(V4 + "/foodMenus")
    Map<String, Object> updateFoodMenus(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String bearer,
            @PathVariable String account, @PathVariable String location,
            @RequestParam(required = false) String updateMask, @RequestBody JsonNode body) {
        String parent = parent(enter("foodMenus/update", MYBUSINESS_SERVICE, bearer), account, location);
        if (updateMask != null && !updateMask.isBlank() && !Set.of(updateMask.split(",")).contains("menus")) {
            throw GoogleApiException.invalidArgument(Map.of("update_mask", "Unknown field in update mask."));
        }
        validateMenus(body);
        @SuppressWarnings("unchecked")
        Map<String, Object> menus = json.convertValue(body, LinkedHashMap.class);
        Map<String, Object> stored = listing.writeFoodMenus(parent, menus);
        faults.afterSuccess("foodMenus/update");
        return stored;
    }

    @GetMapping(V4 + "/reviews")
    Map<String, Object> reviews(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String bearer,
            @PathVariable String account, @PathVariable String location,
            @RequestParam(required = false) Integer pageSize, @RequestParam(required = false) String pageToken,
            @RequestParam(required = false) String orderBy) {
        String parent = parent(enter("reviews/list", MYBUSINESS_SERVICE, bearer), account, location);
        if (orderBy != null && !Set.of("rating", "rating desc", "updateTime desc").contains(orderBy)) {
            throw GoogleApiException.invalidArgument(Map.of("order_by", "Unsupported order: " + orderBy));
        }
        List<Map<String, Object>> all = listing.reviews(parent);
        Map<String, Object> answer = GoogleBusinessController.page("reviews", all, pageSize, pageToken, 50,
                Function.identity());
        answer.put("averageRating", all.stream().mapToInt(r -> GoogleListingSandbox.STARS.indexOf(
                String.valueOf(r.get("starRating"))) + 1).average().orElse(0));
        answer.put("totalReviewCount", all.size());
        return answer;
    }

    @PutMapping(V4 + "/reviews/{review}/reply")
    Map<String, Object> updateReply(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String bearer,
            @PathVariable String account, @PathVariable String location, @PathVariable String review,
            @RequestBody JsonNode body) {
        String parent = parent(enter("reviews/updateReply", MYBUSINESS_SERVICE, bearer), account, location);
        String comment = body.path("comment").asString("");
        if (comment.isBlank()) {
            throw GoogleApiException.invalidArgument(Map.of("comment", "Field is required"));
        }
        if (comment.getBytes(StandardCharsets.UTF_8).length > REPLY_MAX_BYTES) {
            throw GoogleApiException.invalidArgument(Map.of("comment",
                    "Reply must be at most " + REPLY_MAX_BYTES + " bytes."));
        }
        Map<String, Object> reply = listing.putReply(parent + "/reviews/" + review, comment)
                .orElseThrow(() -> GoogleApiException.notFound("Requested entity was not found."));
        faults.afterSuccess("reviews/updateReply");
        return reply;
    }

    @DeleteMapping(V4 + "/reviews/{review}/reply")
    Map<String, Object> deleteReply(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String bearer,
            @PathVariable String account, @PathVariable String location, @PathVariable String review) {
        String parent = parent(enter("reviews/deleteReply", MYBUSINESS_SERVICE, bearer), account, location);
        if (!listing.deleteReply(parent + "/reviews/" + review)) {
            throw GoogleApiException.notFound("Requested entity was not found.");
        }
        return Map.of();
    }

    /** {@code GET v1/locations/{id}:fetchMultiDailyMetricsTimeSeries} (the colon is part of the last segment). */
    @GetMapping("/sandbox/google/businessprofileperformance/v1/locations/{target}")
    Map<String, Object> dailyMetrics(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String bearer,
            @PathVariable String target, @RequestParam Map<String, String> single,
            @RequestParam(name = "dailyMetrics", required = false) List<String> metrics) {
        GoogleSandbox.Grant grant = enter("performance/fetchMultiDailyMetricsTimeSeries", PERFORMANCE_SERVICE, bearer);
        String suffix = ":fetchMultiDailyMetricsTimeSeries";
        if (!target.endsWith(suffix)) {
            throw GoogleApiException.notFound("Method not found.");
        }
        String location = "locations/" + target.substring(0, target.length() - suffix.length());
        boolean owned = sandbox.user().accounts().stream().flatMap(a -> a.locations().stream())
                .anyMatch(l -> l.name().equals(location)) && sandbox.user().id().equals(grant.userId);
        if (!owned) {
            throw GoogleApiException.permissionDenied("The caller does not have permission", "PERMISSION_DENIED");
        }
        Map<String, String> violations = new LinkedHashMap<>();
        if (metrics == null || metrics.isEmpty()) {
            violations.put("daily_metrics", "At least one daily metric is required.");
        } else {
            metrics.stream().filter(m -> !METRICS.contains(m)).findFirst()
                    .ifPresent(m -> violations.put("daily_metrics", "Invalid value: " + m));
        }
        LocalDate start = date(single, "dailyRange.startDate");
        LocalDate end = date(single, "dailyRange.endDate");
        if (start == null || end == null) {
            violations.put("daily_range", "A start and an end date are required.");
        } else if (end.isBefore(start)) {
            violations.put("daily_range", "The end date must not be before the start date.");
        } else if (ChronoUnit.DAYS.between(start, end) > 550) {
            violations.put("daily_range", "The range must not exceed 18 months.");
        }
        if (!violations.isEmpty()) {
            throw GoogleApiException.invalidArgument(violations);
        }
        List<Map<String, Object>> series = new ArrayList<>();
        for (String metric : metrics) {
            List<Map<String, Object>> values = new ArrayList<>();
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                Map<String, Object> dated = new LinkedHashMap<>();
                dated.put("date", Map.of("year", day.getYear(), "month", day.getMonthValue(), "day",
                        day.getDayOfMonth()));
                Long value = listing.figure(location, metric, day);
                if (value != null) {
                    dated.put("value", Long.toString(value)); // int64 is a string in Google's JSON
                }
                values.add(dated);
            }
            series.add(Map.of("dailyMetric", metric, "timeSeries", Map.of("datedValues", values)));
        }
        return Map.of("multiDailyMetricTimeSeries", List.of(Map.of("dailyMetricTimeSeries", series)));
    }

    private GoogleSandbox.Grant enter(String operation, String service, String bearer) {
        faults.before(operation);
        GoogleSandbox.Grant grant = sandbox.authenticate(bearer);
        sandbox.takeQuota(service);
        return grant;
    }

    private String parent(GoogleSandbox.Grant grant, String account, String location) {
        sandbox.location(grant, "accounts/" + account, "locations/" + location);
        return "accounts/" + account + "/locations/" + location;
    }

    /** Google's rules for a food menu; every broken one is named, as its BadRequest does. */
    private static void validateMenus(JsonNode body) {
        Map<String, String> violations = new LinkedHashMap<>();
        JsonNode menus = body.path("menus");
        for (int m = 0; m < menus.size(); m++) {
            JsonNode menu = menus.get(m);
            labels(menu.path("labels"), "menus[" + m + "]", violations);
            JsonNode sections = menu.path("sections");
            if (sections.isEmpty()) {
                violations.put("menus[" + m + "].sections", "A menu needs at least one section.");
            }
            for (int s = 0; s < sections.size(); s++) {
                String sectionPath = "menus[" + m + "].sections[" + s + "]";
                labels(sections.get(s).path("labels"), sectionPath, violations);
                JsonNode items = sections.get(s).path("items");
                if (items.isEmpty()) {
                    violations.put(sectionPath + ".items", "A section needs at least one item.");
                }
                for (int i = 0; i < items.size(); i++) {
                    String itemPath = sectionPath + ".items[" + i + "]";
                    labels(items.get(i).path("labels"), itemPath, violations);
                    JsonNode attributes = items.get(i).path("attributes");
                    JsonNode price = attributes.path("price");
                    if (!price.isMissingNode() && !price.path("currencyCode").asString("").matches("[A-Z]{3}")) {
                        violations.put(itemPath + ".attributes.price.currency_code",
                                "A price needs an ISO 4217 currency code.");
                    }
                    for (JsonNode diet : attributes.path("dietaryRestriction")) {
                        if (!DIETARY.contains(diet.asString(""))) {
                            violations.put(itemPath + ".attributes.dietary_restriction",
                                    "Invalid value: " + diet.asString(""));
                        }
                    }
                }
            }
        }
        if (!violations.isEmpty()) {
            throw GoogleApiException.invalidArgument(violations);
        }
    }

    private static void labels(JsonNode labels, String path, Map<String, String> violations) {
        if (labels.isEmpty()) {
            violations.put(path + ".labels", "At least one label is required.");
            return;
        }
        for (int l = 0; l < labels.size(); l++) {
            String name = labels.get(l).path("displayName").asString("");
            String description = labels.get(l).path("description").asString("");
            if (name.isBlank()) {
                violations.put(path + ".labels[" + l + "].display_name", "Field is required");
            } else if (name.codePointCount(0, name.length()) > LABEL_MAX) {
                violations.put(path + ".labels[" + l + "].display_name",
                        "Must be at most " + LABEL_MAX + " characters.");
            }
            if (description.codePointCount(0, description.length()) > DESCRIPTION_MAX) {
                violations.put(path + ".labels[" + l + "].description",
                        "Must be at most " + DESCRIPTION_MAX + " characters.");
            }
        }
    }

    private static LocalDate date(Map<String, String> params, String prefix) {
        try {
            return LocalDate.of(Integer.parseInt(params.getOrDefault(prefix + ".year", "")),
                    Integer.parseInt(params.getOrDefault(prefix + ".month", "")),
                    Integer.parseInt(params.getOrDefault(prefix + ".day", "")));
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }
}
