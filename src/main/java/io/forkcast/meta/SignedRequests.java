package io.forkcast.meta;

import io.forkcast.shared.DomainException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * Verifies the {@code signed_request} Meta posts to the deauthorize and data deletion callbacks:
 * {@code base64url(HMAC-SHA256(app secret, payload part)) '.' base64url(JSON payload)}, the payload naming
 * {@code algorithm} ({@code HMAC-SHA256}), the app-scoped {@code user_id} and {@code issued_at}.
 */
@Component
public class SignedRequests {

    /** What a valid {@code signed_request} says: which Meta user (app-scoped id) and when Meta issued it. */
    public record MetaUser(String userId, Instant issuedAt) {
    }

    /** A {@code signed_request} that is malformed, not signed with the app's secret, or of another algorithm. */
    public static class InvalidSignedRequest extends DomainException {

        private final String reason;

        InvalidSignedRequest(String reason) {
            super(HttpStatus.BAD_REQUEST, "The signed_request is not valid: " + reason + ".");
            this.reason = reason;
        }

        /** Why, in a few words that never quote the request. */
        public String reason() {
            return reason;
        }
    }

    private static final String ALGORITHM = "HMAC-SHA256";

    private final AppSecret appSecret;
    private final JsonMapper json;

    SignedRequests(AppSecret appSecret, JsonMapper json) {
        this.appSecret = appSecret;
        this.json = json;
    }

    /** The Meta user a {@code signed_request} names, once its signature and algorithm are checked. */
    public MetaUser verify(String signedRequest) {
        if (signedRequest == null || signedRequest.isBlank()) {
            throw new InvalidSignedRequest("it is missing");
        }
        int dot = signedRequest.indexOf('.');
        if (dot <= 0 || dot == signedRequest.length() - 1 || signedRequest.indexOf('.', dot + 1) >= 0) {
            throw new InvalidSignedRequest("it is not two base64url parts joined by a dot");
        }
        String payloadPart = signedRequest.substring(dot + 1);
        byte[] signature = decode(signedRequest.substring(0, dot));
        byte[] payload = decode(payloadPart);
        JsonNode fields;
        try {
            fields = json.readTree(payload);
        } catch (JacksonException e) {
            throw new InvalidSignedRequest("its payload is not JSON");
        }
        // The algorithm is checked before the signature so that a request naming another one is refused as such.
        if (!ALGORITHM.equalsIgnoreCase(fields.path("algorithm").asString(""))) {
            throw new InvalidSignedRequest("the algorithm is not " + ALGORITHM);
        }
        byte[] expected = appSecret.sign(payloadPart.getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new InvalidSignedRequest("the signature does not match the app secret");
        }
        String userId = fields.path("user_id").asString("");
        if (userId.isBlank()) {
            throw new InvalidSignedRequest("it names no user_id");
        }
        Instant issuedAt = fields.path("issued_at").canConvertToLong()
                ? Instant.ofEpochSecond(fields.path("issued_at").asLong()) : null;
        return new MetaUser(userId, issuedAt);
    }

    private static byte[] decode(String part) {
        try {
            // Meta pads neither part; the URL decoder accepts both.
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidSignedRequest("a part is not base64url");
        }
    }
}
