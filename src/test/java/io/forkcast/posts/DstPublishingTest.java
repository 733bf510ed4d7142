package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Across the spring DST change in New York, 09:00 local is 09:00 local: the jobs run on the test's clock, which is
 * moved to one second before 09:00 (nothing goes out) and then to 09:00 (the post goes out) on the Saturday before
 * the change, the Sunday of it and the Monday after. A post due an hour off would go out at the first step or not
 * at the second.
 */
@TestPropertySource(properties = {"forkcast.jobs.polling-interval=100ms", "forkcast.posts.horizon=400d"})
@Import(DstPublishingTest.JobsOnTheTestClock.class)
class DstPublishingTest extends SandboxedApiTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @TestConfiguration
    static class JobsOnTheTestClock {
        @Bean
        com.github.kagkarlsson.scheduler.Clock jobsClock() {
            return CLOCK::instant;
        }
    }

    private final List<String> accountIds = new ArrayList<>();
    private String tenant;
    private String key;

    @AfterEach
    void disconnect() {
        accountIds.forEach(account -> api().delete("/api/v1/tenants/" + tenant + "/accounts/" + account, key));
        CLOCK.reset();
    }

    @Test
    void nineInTheMorningInNewYorkGoesOutAtNineLocalBeforeOnAndAfterTheSpringChange() throws Exception {
        LocalDate change = nextSpringChange();
        List<LocalDate> days = List.of(change.minusDays(1), change, change.plusDays(1));
        // Time jumps to the evening before: connecting then keeps the tokens fresh.
        CLOCK.set(days.getFirst().minusDays(1).atTime(20, 0).atZone(NEW_YORK).toInstant());
        tenant = api().createTenant("Dst Diner " + UUID.randomUUID().toString().substring(0, 8), "basic");
        key = api().createKey(tenant, "read", "write");
        assertThat(api().patch("/api/v1/tenants/" + tenant, OPERATOR_TOKEN, Map.of("timezone", "America/New_York"))
                .status()).isEqualTo(200);
        Map<String, String> accounts = PostingFixtures.connect(api(), tenant, key);
        accountIds.addAll(accounts.values());
        String asset = PostingFixtures.upload(port, tenant, key);
        List<String> ids = new ArrayList<>();
        for (LocalDate day : days) {
            ApiClient.Response created = api().post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                    "targets", PostingFixtures.targets(accounts.get(PostingFixtures.INSTAGRAM)), "caption", "Brunch " + day,
                    "asset_ids", List.of(asset), "scheduled_for", day + "T09:00:00"));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            ids.add(created.text("id"));
        }

        for (int i = 0; i < days.size(); i++) {
            Instant nine = days.get(i).atTime(9, 0).atZone(NEW_YORK).toInstant();
            String id = ids.get(i);
            CLOCK.set(nine.minusSeconds(1));
            // Several polls of the job table at 08:59:59: still waiting.
            Thread.sleep(600);
            assertThat(status(id)).as("at 08:59:59 on " + days.get(i)).isEqualTo("scheduled");
            CLOCK.set(nine);
            await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("published"));
            JsonNode post = PostingFixtures.onlyDelivery(api().get("/api/v1/tenants/" + tenant + "/posts/" + id, key)
                    .body());
            ZonedDateTime publishedAt = Instant.parse(post.path("posted_at").asString()).atZone(NEW_YORK);
            assertThat(publishedAt.toLocalDate()).isEqualTo(days.get(i));
            assertThat(publishedAt.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(post.path("late").asBoolean()).isFalse();
        }
        // 09:00 in New York is 14:00 UTC before the change and 13:00 UTC from its day on.
        assertThat(days.stream().map(day -> day.atTime(9, 0).atZone(NEW_YORK).toInstant().atZone(ZoneId.of("UTC"))
                .getHour()).toList()).containsExactly(14, 13, 13);
    }

    private String status(String id) {
        return api().get("/api/v1/tenants/" + tenant + "/posts/" + id, key).text("status");
    }

    /** The next second Sunday of March (02:00 EST becomes 03:00 EDT) that is more than a day away. */
    private static LocalDate nextSpringChange() {
        LocalDate today = LocalDate.now(NEW_YORK);
        for (int year = today.getYear(); ; year++) {
            LocalDate sunday = LocalDate.of(year, 3, 8);
            while (sunday.getDayOfWeek() != DayOfWeek.SUNDAY) {
                sunday = sunday.plusDays(1);
            }
            if (sunday.minusDays(2).isAfter(today)) {
                return sunday;
            }
        }
    }
}
