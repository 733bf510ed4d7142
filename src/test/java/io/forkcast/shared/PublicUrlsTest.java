package io.forkcast.shared;

import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class PublicUrlsTest extends EmbeddedApiTest {

    @Autowired
    PublicUrls publicUrls;

    @Test
    void unconfiguredBaseIsTheLocalServerWithItsActualPort() {
        assertThat(publicUrls.base()).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(publicUrls.resolve("/api/v1/oauth/facebook/callback"))
                .isEqualTo(URI.create("http://localhost:" + port + "/api/v1/oauth/facebook/callback"));
    }

    @Test
    void configuredBaseWinsAndLosesItsTrailingSlash() {
        PublicUrls configured = new PublicUrls(new PublicUrls.Properties(URI.create("https://app.forkcast.io/")));

        assertThat(configured.base()).isEqualTo(URI.create("https://app.forkcast.io"));
        assertThat(configured.isPlainHttp()).isFalse();
    }
}
