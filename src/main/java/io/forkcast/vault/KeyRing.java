package io.forkcast.vault;

import io.forkcast.shared.DevelopmentSecretFile;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The keys the vault knows, by id, and the one that seals. Built once from the configuration. */
final class KeyRing {

    static final String DEV_KEY_ID = "dev-1";

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    private KeyRing(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
    }

    static KeyRing from(VaultProperties properties) {
        if (properties.keys().isEmpty()) {
            if (!properties.generateDevKey()) {
                throw new IllegalStateException("No vault key configured: set forkcast.vault.keys.<id> to a "
                        + "base64-encoded 32-byte key and forkcast.vault.active-key-id to its id "
                        + "(environment FORKCAST_VAULT_KEYS_<ID>, FORKCAST_VAULT_ACTIVE_KEY_ID).");
            }
            return new KeyRing(Map.of(DEV_KEY_ID, aesKey(DEV_KEY_ID, readOrGenerate(properties.devKeyFile()))),
                    DEV_KEY_ID);
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        properties.keys().forEach((id, encoded) -> keys.put(id, aesKey(id, encoded)));
        String active = properties.activeKeyId();
        if (active == null || active.isBlank()) {
            if (keys.size() != 1) {
                throw new IllegalStateException("forkcast.vault.active-key-id must name one of the keys in "
                        + "forkcast.vault.keys when there is more than one.");
            }
            active = keys.keySet().iterator().next();
        }
        if (!keys.containsKey(active)) {
            throw new IllegalStateException("forkcast.vault.active-key-id '" + active
                    + "' is not a key of forkcast.vault.keys.");
        }
        return new KeyRing(keys, active);
    }

    String activeKeyId() {
        return activeKeyId;
    }

    SecretKey active() {
        return keys.get(activeKeyId);
    }

    SecretKey key(String id) {
        return keys.get(id);
    }

    private static SecretKey aesKey(String id, String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("forkcast.vault.keys." + id + " is not valid base64.");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("forkcast.vault.keys." + id + " must be 32 bytes (256 bits), base64; "
                    + "it is " + bytes.length + " bytes.");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static String readOrGenerate(Path file) {
        return DevelopmentSecretFile.readOrCreate(file,
                "development vault key (configure forkcast.vault.keys in production)",
                bytes -> Base64.getEncoder().encodeToString(bytes));
    }
}
