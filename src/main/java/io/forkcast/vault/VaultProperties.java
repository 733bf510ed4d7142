package io.forkcast.vault;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings of the vault ({@code forkcast.vault.*}).
 *
 * @param keys the key ring: key id to a base64-encoded 32-byte AES key. Older keys stay here, able to open what
 *             they sealed, until the re-encryption job has moved every secret to the active key
 * @param activeKeyId the key that seals new secrets; must be one of {@code keys}
 * @param generateDevKey when no key is configured, generate one once and keep it in {@code devKeyFile} (the
 *                       embedded default; turn it off in production, where start-up then fails without a key)
 * @param devKeyFile where a generated key is kept, readable by its owner only
 */
@Validated
@ConfigurationProperties("forkcast.vault")
public record VaultProperties(
        Map<String, String> keys,
        String activeKeyId,
        @DefaultValue("true") boolean generateDevKey,
        @DefaultValue("./data/vault-key") @NotNull Path devKeyFile) {

    public VaultProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }
}
