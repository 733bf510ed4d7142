package io.forkcast.google;

import io.forkcast.shared.PublicUrls;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.net.URI;

/**
 * Where Google's hosts are. Configured base URLs win; without them, the sandbox of this very instance when it is on
 * (resolved at call time: the port is known only once the server started), else Google.
 */
@Component
class GoogleEndpoints {

    /** The path under which the sandbox plays Google; each host is a subpath of it. */
    static final String SANDBOX = "/sandbox/google";

    private final GoogleProperties properties;
    private final PublicUrls publicUrls;
    private final boolean sandbox;

    GoogleEndpoints(GoogleProperties properties, PublicUrls publicUrls, Environment environment) {
        this.properties = properties;
        this.publicUrls = publicUrls;
        this.sandbox = environment.getProperty("forkcast.sandbox.enabled", Boolean.class, true);
    }

    URI authorization() {
        return pick(properties.authorizationBaseUrl(), "https://accounts.google.com", "accounts");
    }

    URI oauth() {
        return pick(properties.oauthBaseUrl(), "https://oauth2.googleapis.com", "oauth2");
    }

    URI accountManagement() {
        return pick(properties.accountManagementBaseUrl(), "https://mybusinessaccountmanagement.googleapis.com",
                "mybusinessaccountmanagement");
    }

    URI businessInformation() {
        return pick(properties.businessInformationBaseUrl(), "https://mybusinessbusinessinformation.googleapis.com",
                "mybusinessbusinessinformation");
    }

    URI myBusiness() {
        return pick(properties.myBusinessBaseUrl(), "https://mybusiness.googleapis.com", "mybusiness");
    }

    URI performance() {
        return pick(properties.performanceBaseUrl(), "https://businessprofileperformance.googleapis.com",
                "businessprofileperformance");
    }

    private URI pick(URI configured, String google, String sandboxHost) {
        if (configured != null) {
            String text = configured.toString();
            return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : configured;
        }
        return sandbox ? URI.create(publicUrls.base() + SANDBOX + "/" + sandboxHost) : URI.create(google);
    }
}
