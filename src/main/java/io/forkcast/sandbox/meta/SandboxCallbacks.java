package io.forkcast.sandbox.meta;

import io.forkcast.sandbox.SandboxProperties;
import io.forkcast.shared.PublicUrls;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Meta's two callbacks about a user, sent as Meta sends them: a form-encoded POST with one field,
 * {@code signed_request} = base64url(HMAC-SHA256(app secret, payload)) '.' base64url(payload), the payload JSON with
 * {@code algorithm}, {@code issued_at} and the app-scoped {@code user_id}. A test may sign with another secret or
 * name another algorithm to forge one.
 */
@Component
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class SandboxCallbacks {

    enum Kind {
        DEAUTHORIZE("/api/v1/meta/deauthorize"), DATA_DELETION("/api/v1/meta/data-deletion");

        private final String defaultPath;

        Kind(String defaultPath) {
            this.defaultPath = defaultPath;
        }
    }

    /** What the app answered; for a deletion, whether the answer has the fields Meta requires. */
    record Delivery(URI callbackUrl, int status, JsonNode body, Boolean acceptedByMeta) {
    }

    private final MetaSandbox sandbox;
    private final SandboxProperties properties;
    private final PublicUrls urls;
    private final JsonMapper json;
    private final RestClient http;

    SandboxCallbacks(MetaSandbox sandbox, SandboxProperties properties, PublicUrls urls, JsonMapper json) {
        this.sandbox = sandbox;
        this.properties = properties;
        this.urls = urls;
        this.json = json;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(Duration.ofSeconds(30));
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    Delivery send(Kind kind, String userId, String signingSecret, String algorithm) {
        String secret = signingSecret != null ? signingSecret : sandbox.app(sandbox.primaryAppId()).orElseThrow().secret();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("signed_request", signedRequest(secret, algorithm == null ? "HMAC-SHA256" : algorithm, userId));
        URI target = callbackUrl(kind);
        return http.post().uri(target).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON).body(form)
                .exchange((request, response) -> {
                    byte[] bytes = response.getBody().readAllBytes();
                    JsonNode body = bytes.length == 0 ? null : json.readTree(bytes);
                    Boolean accepted = kind == Kind.DATA_DELETION
                            ? response.getStatusCode().is2xxSuccessful() && body != null
                                    && body.path("url").isString() && body.path("confirmation_code").isString()
                            : null;
                    return new Delivery(target, response.getStatusCode().value(), body, accepted);
                });
    }

    String signedRequest(String secret, String algorithm, String userId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("algorithm", algorithm);
        payload.put("expires", 0);
        payload.put("issued_at", sandbox.now().getEpochSecond());
        payload.put("user_id", userId);
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String payloadPart = base64url.encodeToString(json.writeValueAsBytes(payload));
        String signature = base64url.encodeToString(
                MetaSandbox.hmacSha256(secret, payloadPart.getBytes(StandardCharsets.US_ASCII)));
        return signature + "." + payloadPart;
    }

    private URI callbackUrl(Kind kind) {
        URI configured = kind == Kind.DEAUTHORIZE ? properties.deauthorizeCallbackUrl()
                : properties.dataDeletionCallbackUrl();
        return configured != null ? configured : urls.resolve(kind.defaultPath);
    }
}
