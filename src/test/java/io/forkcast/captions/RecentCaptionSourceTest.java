package io.forkcast.captions;

import io.forkcast.support.ApiClient;
import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.tenancy.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Captions another module contributes through the SPI (posted ones, later) count as recent. */
class RecentCaptionSourceTest extends EmbeddedApiTest {

    static final String POSTED = "Say hello to Tiramisu! Mascarpone and espresso, nothing more, nothing less. "
            + "Book your table today.";

    @TestConfiguration
    static class PostedCaptions {

        @Bean
        RecentCaptionSource postedCaptions() {
            return (TenantId tenantId, Instant since, int limit) -> List.of(
                    new RecentCaptionSource.RecentCaption("post:42", POSTED, Instant.now()));
        }
    }

    @Test
    void contributedCaptionIsComparedAndNamed() {
        ApiClient api = api();
        String tenant = api.createTenant("Posted " + System.nanoTime(), "pro");
        String key = api.createKey(tenant);

        JsonNode caption = api.post("/api/v1/tenants/" + tenant + "/captions", key, Map.of("item",
                        Map.of("name", "Tiramisu", "description", "Mascarpone, espresso"), "platform", "facebook"))
                .body().get("variants").get(0);

        assertThat(caption.get("similarity").get("similar_to").asString()).isEqualTo("post:42");
        assertThat(caption.get("similarity").get("score").asDouble()).isGreaterThan(0);
        assertThat(Similarity.opening(caption.get("text").asString(), 1)).isNotEqualTo("say");
    }
}
