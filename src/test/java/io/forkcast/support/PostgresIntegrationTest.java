package io.forkcast.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the integration tests (*IT): the whole application over HTTP, on the {@code postgres} profile, against
 * the real PostgreSQL (row-level security on, application connected as the non-owner role) and Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test-postgres"})
public abstract class PostgresIntegrationTest {

    static {
        PostgresTestDatabase.recreateOncePerRun();
    }

    @LocalServerPort
    protected int port;

    protected ApiClient api() {
        return new ApiClient(port);
    }
}
