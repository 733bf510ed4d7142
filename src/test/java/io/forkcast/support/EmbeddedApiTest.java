package io.forkcast.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Base of the API tests on the embedded default: the whole application over HTTP, on in-memory H2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class EmbeddedApiTest {

    @LocalServerPort
    protected int port;

    protected ApiClient api() {
        return new ApiClient(port);
    }
}
