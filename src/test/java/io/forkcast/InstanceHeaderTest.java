package io.forkcast;

import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code forkcast.instance-id} no response names an instance (with it: {@code MetricsTest}). */
class InstanceHeaderTest extends EmbeddedApiTest {

    @Test
    void noInstanceHeaderWithoutAnInstanceId() {
        assertThat(api().get("/api/v1/tenants", OPERATOR_TOKEN).header("X-Forkcast-Instance")).isNull();
        assertThat(api().get("/actuator/health", null).header("X-Forkcast-Instance")).isNull();
    }
}
