package io.forkcast.posts.web;

import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.posts.PostQuery;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.Tenant;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Tag(name = "Posts")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/posts")
class PostsCsvController {

    static final List<String> COLUMNS = List.of("post_id", "scheduled_for", "post_status", "caption", "delivery_id",
            "account_id", "account", "platform", "delivery_status", "posted_at", "permalink", "likes", "comments",
            "failure");
    private static final int MAX_DAYS = 366;
    private static final CsvMapper CSV = CsvMapper.builder().build();
    private static final CsvSchema SCHEMA = COLUMNS.stream()
            .reduce(CsvSchema.builder(), CsvSchema.Builder::addColumn, (a, b) -> a).build().withHeader();

    private final Posts posts;
    private final Accounts accounts;
    private final Tenants tenants;

    PostsCsvController(Posts posts, Accounts accounts, Tenants tenants) {
        this.posts = posts;
        this.accounts = accounts;
        this.tenants = tenants;
    }

    /**
     * The posts scheduled between two days (inclusive, in the restaurant's time zone) as CSV, one row per delivery,
     * with its outcome and engagement; times in the restaurant's time zone with their offset. At most 366 days.
     */
    @Operation(responses = @ApiResponse(responseCode = "200", description = "The CSV file",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
    @GetMapping("/export")
    void export(@PathVariable UUID tenantId, @RequestParam String from, @RequestParam String to,
            HttpServletResponse response) throws IOException {
        TenantId tenant = new TenantId(tenantId);
        LocalDate first = day("from", from);
        LocalDate last = day("to", to);
        if (last.isBefore(first)) {
            throw new InvalidFieldException("to", "The last day comes before the first.");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidFieldException("to", "At most " + MAX_DAYS + " days at a time.");
        }
        ZoneId zone = tenants.find(tenant).map(Tenant::timezone).orElse(ZoneOffset.UTC);
        PostQuery query = new PostQuery(null, null, first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant());
        // Read before the first byte goes out, so that a refusal is still a problem answer, not half a file.
        CursorPage<PostView> page = posts.list(tenant, query, new PageRequest(CursorPage.MAX_LIMIT, null));
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"posts-" + first + "-to-" + last
                + ".csv\"");
        Map<UUID, String> names = new HashMap<>();
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (SequenceWriter rows = CSV.writer(SCHEMA).writeValues(out)) {
            while (true) {
                for (PostView post : page.items()) {
                    for (PostView.DeliveryView delivery : post.deliveries()) {
                        rows.write(row(post, delivery, zone, names.computeIfAbsent(delivery.accountId(),
                                account -> accounts.find(tenant, new AccountId(account)).map(this::name)
                                        .orElse(""))));
                    }
                }
                if (page.nextCursor() == null) {
                    break;
                }
                page = posts.list(tenant, query, new PageRequest(CursorPage.MAX_LIMIT, page.nextCursor()));
            }
        }
    }

    private static Map<String, Object> row(PostView post, PostView.DeliveryView delivery, ZoneId zone,
            String account) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("post_id", post.id().value());
        row.put("scheduled_for", local(post.scheduledFor(), zone));
        row.put("post_status", post.status().wireName());
        row.put("caption", text(delivery.caption() != null ? delivery.caption() : post.caption()));
        row.put("delivery_id", delivery.id());
        row.put("account_id", delivery.accountId());
        row.put("account", text(account));
        row.put("platform", delivery.platform().wireName());
        row.put("delivery_status", delivery.status().wireName());
        row.put("posted_at", local(delivery.postedAt(), zone));
        row.put("permalink", delivery.permalink() == null ? "" : delivery.permalink());
        row.put("likes", delivery.engagementLikes());
        row.put("comments", delivery.engagementComments());
        row.put("failure", delivery.failure() == null || delivery.failure().message() == null ? ""
                : text(delivery.failure().message()));
        return row;
    }

    private String name(ConnectedAccount account) {
        return account.username() != null ? account.username() : account.platformUserId();
    }

    /**
     * Text a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage return) is kept
     * as text with a leading apostrophe, as OWASP advises against CSV injection.
     */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    private static String local(Instant instant, ZoneId zone) {
        return instant == null ? "" : instant.atZone(zone).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }

    private static LocalDate day(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "Not a day such as 2026-11-30: " + text + ".");
        }
    }
}
