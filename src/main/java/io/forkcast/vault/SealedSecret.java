package io.forkcast.vault;

import java.util.Objects;

/**
 * A secret as stored: the id of the key that sealed it, the 96-bit nonce and the AES-GCM ciphertext (with its
 * tag), both base64. Safe to store and to log: it says nothing about the secret without the key.
 */
public record SealedSecret(String keyId, String nonce, String ciphertext) {

    public SealedSecret {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    @Override
    public String toString() {
        return "SealedSecret[keyId=" + keyId + "]";
    }
}
