package io.forkcast.meta;

import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The app secret's one use inside Forkcast: HMAC-SHA256 under it. Signs {@code appsecret_proof} and checks the
 * {@code signed_request} of Meta's callbacks, so both share one implementation.
 */
@Component
class AppSecret {

    private final MetaProperties properties;

    AppSecret(MetaProperties properties) {
        this.properties = properties;
    }

    byte[] sign(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(properties.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
