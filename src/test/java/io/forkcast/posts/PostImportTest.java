package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.FormSession;
import io.forkcast.support.SandboxedApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV import of posts over HTTP: a file with good and bad rows checked by a dry run (every row's problems, nothing
 * created), then imported (the good rows, in one go), then uploaded again (nothing more); formulas stay text;
 * bounds, validation, isolation; the dashboard's upload, check and confirm.
 */
class PostImportTest extends SandboxedApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    MeterRegistry meters;

    /** Deliveries counted as created, over every network. */
    private double deliveriesCounted() {
        return meters.find("forkcast.posts.accepted").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private record Tenant(String id, String key, String page, String instagram, String invite) {
        String path(String rest) {
            return "/api/v1/tenants/" + id + rest;
        }
    }

    private Tenant newTenant(String name) throws Exception {
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN, Map.of("name", name,
                "email", "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "plan", "pro",
                "timezone", "Europe/Paris"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        String key = api().createKey(id, "read", "write", "admin");
        PostingFixtures.connect(api(), id, key);
        String page = null;
        String instagram = null;
        for (JsonNode account : api().get("/api/v1/tenants/" + id + "/accounts", key).body().path("items")) {
            if (account.path("platform_user_id").asString().equals(PostingFixtures.PAGE)) {
                page = account.path("username").asString();
            } else if (account.path("platform_user_id").asString().equals(PostingFixtures.INSTAGRAM)) {
                instagram = account.path("username").asString();
            }
        }
        String asset = PostingFixtures.upload(port, id, key);
        assertThat(api().patch("/api/v1/tenants/" + id + "/assets/" + asset, key, Map.of("tags", List.of("burrata")))
                .status()).isEqualTo(200);
        return new Tenant(id, key, page, instagram, created.text("owner_invite_url"));
    }

    private ApiClient.Response upload(Tenant tenant, String key, String query, String fileName, byte[] content)
            throws Exception {
        String boundary = "----forkcast" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + tenant.path("/posts/imports" + query)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new ApiClient.Response(response.statusCode(), response, json);
    }

    private String day(int fromToday) {
        return LocalDate.now(CLOCK.withZone(ZoneId.of("Europe/Paris"))).plusDays(fromToday).toString();
    }

    /** Two good rows and three bad ones (one with six problems, one refused only by the network's rules). */
    private String mixedFile(Tenant tenant) {
        return "date,time,targets,caption,media,format,intent\n"
                + day(3) + ",18:30," + tenant.page() + ",Burrata is back,dish.jpg,,\n"
                + day(4) + ",19:00,\"" + tenant.page() + "; " + tenant.instagram()
                + "\",\"'=1+1 oysters, tonight\",tag:burrata,feed,event\n"
                + day(-1) + ",18:30," + tenant.page() + ",Too late,dish.jpg,,\n"
                + day(5) + ",25:99,Nobody Here,,nothing.jpg,gif,party\n"
                + "\n"
                + day(5) + ",18:00," + tenant.instagram() + ",Instagram needs a picture,,,\n";
    }

    private List<String> problems(JsonNode answer) {
        List<String> found = new ArrayList<>();
        answer.path("problems").forEach(p -> found.add(p.path("row").asInt() + " " + p.path("column").asString()));
        return found;
    }

    private int posts(Tenant tenant) {
        return api().get(tenant.path("/posts?limit=200"), tenant.key()).body().path("items").size();
    }

    @Test
    void aDryRunReportsEveryRowsProblemsThenTheImportCreatesTheGoodRowsOnce() throws Exception {
        Tenant tenant = newTenant("Csv Cantina " + UUID.randomUUID());
        byte[] file = mixedFile(tenant).getBytes(StandardCharsets.UTF_8);
        double countedBefore = deliveriesCounted();

        ApiClient.Response dry = upload(tenant, tenant.key(), "?dry_run=true", "week.csv", file);
        assertThat(dry.status()).as(dry.raw().body()).isEqualTo(200);
        assertThat(dry.body().path("dry_run").asBoolean()).isTrue();
        assertThat(dry.body().path("rows").asInt()).isEqualTo(5);
        assertThat(dry.body().path("valid").asInt()).isEqualTo(2);
        // Row numbers as a spreadsheet shows them: the header is row 1, the blank line 6 is skipped.
        assertThat(problems(dry.body())).containsExactly("4 date", "5 time", "5 format", "5 intent",
                "5 targets", "5 media", "5 caption", "7 media");
        assertThat(dry.body().path("problems").get(1).path("message").asString()).contains("18:30");
        assertThat(dry.body().path("problems").get(4).path("message").asString()).contains("Nobody Here");
        assertThat(dry.body().path("post_ids")).isEmpty();
        assertThat(posts(tenant)).as("a dry run creates nothing").isZero();
        assertThat(deliveriesCounted()).as("a dry run counts no created post").isEqualTo(countedBefore);

        ApiClient.Response imported = upload(tenant, tenant.key(), "", "week.csv", file);
        assertThat(imported.status()).as(imported.raw().body()).isEqualTo(201);
        assertThat(imported.body().path("already_imported").asBoolean()).isFalse();
        assertThat(imported.body().path("file_sha256").asString()).isEqualTo(dry.body().path("file_sha256")
                .asString()).hasSize(64);
        assertThat(problems(imported.body())).isEqualTo(problems(dry.body()));
        List<String> ids = new ArrayList<>();
        imported.body().path("post_ids").forEach(id -> ids.add(id.asString()));
        assertThat(ids).hasSize(2);
        assertThat(posts(tenant)).isEqualTo(2);
        JsonNode first = api().get(tenant.path("/posts/" + ids.get(0)), tenant.key()).body();
        assertThat(first.path("caption").asString()).isEqualTo("Burrata is back");
        assertThat(first.path("deliveries")).hasSize(1);
        assertThat(first.path("scheduled_for").asString()).startsWith(day(3)).contains("T17:30");
        JsonNode second = api().get(tenant.path("/posts/" + ids.get(1)), tenant.key()).body();
        // A formula is text: the spreadsheet's protecting apostrophe goes, nothing is evaluated.
        assertThat(second.path("caption").asString()).isEqualTo("=1+1 oysters, tonight");
        assertThat(second.path("deliveries")).hasSize(2);
        assertThat(second.path("intent").asString()).isEqualTo("event");
        assertThat(second.path("asset_ids")).hasSize(1);
        // Counted once each, not again for the check every row gets before the import.
        assertThat(deliveriesCounted()).isEqualTo(countedBefore + 3);

        ApiClient.Response again = upload(tenant, tenant.key(), "", "copy of week.csv", file);
        assertThat(again.status()).as(again.raw().body()).isEqualTo(200);
        assertThat(again.body().path("already_imported").asBoolean()).isTrue();
        List<String> sameIds = new ArrayList<>();
        again.body().path("post_ids").forEach(id -> sameIds.add(id.asString()));
        assertThat(sameIds).isEqualTo(ids);
        assertThat(posts(tenant)).as("the same file twice creates nothing more").isEqualTo(2);
    }

    @Test
    void aFileThatCannotBeReadAsAWholeIsRefusedNamingIt() throws Exception {
        Tenant tenant = newTenant("Csv Checks " + UUID.randomUUID());
        Map<String, Integer> refused = new java.util.LinkedHashMap<>();
        refused.put("", 400);
        refused.put("date,time,caption\n" + day(3) + ",18:00,Hi\n", 400);
        refused.put("date,time,targets,caption,mood\n" + day(3) + ",18:00," + tenant.page() + ",Hi,happy\n", 400);
        StringBuilder tooMany = new StringBuilder("date,time,targets,caption\n");
        for (int i = 0; i < 501; i++) {
            tooMany.append(day(3)).append(",18:00,").append(tenant.page()).append(",Row ").append(i).append('\n');
        }
        refused.put(tooMany.toString(), 400);
        refused.put("date,time,targets,caption\n" + day(3) + ",18:00," + tenant.page() + ",\"unclosed\n", 400);
        for (Map.Entry<String, Integer> file : refused.entrySet()) {
            ApiClient.Response answer = upload(tenant, tenant.key(), "", "bad.csv",
                    file.getKey().getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).as(file.getKey().lines().findFirst().orElse("empty"))
                    .isEqualTo(file.getValue());
            assertThat(answer.raw().headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
            assertThat(answer.raw().body()).contains("file");
        }
        byte[] huge = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertThat(upload(tenant, tenant.key(), "", "huge.csv", huge).status()).isEqualTo(413);
        byte[] latin1 = ("date,time,targets,caption\n" + day(3) + ",18:00," + tenant.page() + ",Caf\u00e9\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(upload(tenant, tenant.key(), "", "latin.csv", latin1).raw().body()).contains("UTF-8");
        assertThat(posts(tenant)).isZero();
    }

    @Test
    void onlyTheTenantsWritersImportAndAnotherTenantsAccountIsNotFound() throws Exception {
        Tenant tenant = newTenant("Csv Guard " + UUID.randomUUID());
        Tenant other = newTenant("Csv Other " + UUID.randomUUID());
        byte[] file = ("date,time,targets,caption,media\n" + day(3) + ",18:00," + tenant.page() + ",Hi,dish.jpg\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(upload(tenant, other.key(), "", "a.csv", file).status()).isEqualTo(403);
        assertThat(upload(tenant, api().createKey(tenant.id(), "read"), "", "a.csv", file).status()).isEqualTo(403);
        assertThat(upload(tenant, null, "", "a.csv", file).status()).isEqualTo(401);
        // The other tenant's account, by id: not found here, so the row is refused.
        String otherAccount = api().get(other.path("/accounts"), other.key()).body().path("items").get(0)
                .path("id").asString();
        byte[] foreign = ("date,time,targets,caption,media\n" + day(3) + ",18:00," + otherAccount + ",Hi,dish.jpg\n")
                .getBytes(StandardCharsets.UTF_8);
        ApiClient.Response answer = upload(tenant, tenant.key(), "", "foreign.csv", foreign);
        assertThat(answer.status()).isEqualTo(201);
        assertThat(problems(answer.body())).containsExactly("2 targets");
        assertThat(answer.body().path("post_ids")).isEmpty();
        assertThat(posts(tenant)).isZero();
        assertThat(posts(other)).isZero();
    }

    @Test
    void theDashboardChecksTheFileShowsItsProblemsAndSchedulesTheGoodRows() throws Exception {
        Tenant tenant = newTenant("Csv Dashboard " + UUID.randomUUID());
        FormSession owner = new FormSession(port);
        assertThat(owner.submit(tenant.invite(), Map.of("password", PASSWORD, "password_again", PASSWORD))
                .statusCode()).isEqualTo(302);
        String form = owner.get("/app/calendar/import").body();
        assertThat(form).contains("id=\"import-upload\"").contains("CSV UTF-8");
        assertThat(owner.get("/app/calendar").body()).contains("/app/calendar/import");

        HttpResponse<String> checked = owner.upload("/app/calendar/import", "file", "week.csv",
                mixedFile(tenant).getBytes(StandardCharsets.UTF_8), form);
        assertThat(checked.statusCode()).isEqualTo(200);
        assertThat(checked.body()).contains("id=\"problems\"").contains("Nobody Here").contains("Schedule 2 posts")
                .contains("5 rows, 2 ready to schedule");
        assertThat(posts(tenant)).isZero();

        Matcher content = Pattern.compile("name=\"content\" value=\"([^\"]+)\"").matcher(checked.body());
        assertThat(content.find()).isTrue();
        HttpResponse<String> confirmed = owner.post("/app/calendar/import/confirm",
                Map.of("content", content.group(1), "file_name", "week.csv"), checked.body());
        assertThat(confirmed.statusCode()).isEqualTo(302);
        String location = confirmed.headers().firstValue("Location").orElseThrow();
        assertThat(location).as(() -> owner.get(URI.create(location).getPath()).body())
                .endsWith("/app/calendar?view=list");
        assertThat(posts(tenant)).isEqualTo(2);
        assertThat(owner.get("/app/calendar?view=list").body()).contains("2 posts scheduled from week.csv.");

        HttpResponse<String> twice = owner.post("/app/calendar/import/confirm",
                Map.of("content", content.group(1), "file_name", "week.csv"), checked.body());
        assertThat(twice.statusCode()).isEqualTo(302);
        assertThat(owner.get("/app/calendar?view=list").body()).contains("This file was imported before");
        assertThat(posts(tenant)).isEqualTo(2);

        HttpResponse<String> empty = owner.upload("/app/calendar/import", "file", "empty.csv", new byte[0], form);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("Choose a CSV file first.");
    }
}
