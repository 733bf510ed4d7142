package io.forkcast.shared.web;

import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The running server takes its requests from {@link RequestWorkers}, not from a virtual thread per request. */
class RequestWorkersWiringTest extends EmbeddedApiTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theServerServesItsRequestsWithTheRequestWorkers() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();

        assertThat(server.getTomcat().getConnector().getProtocolHandler().getExecutor())
                .isInstanceOf(RequestWorkers.class);
        assertThat(api().get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }
}
