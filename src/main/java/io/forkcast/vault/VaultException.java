package io.forkcast.vault;

/** A secret that cannot be opened: unknown key, or ciphertext, nonce or identity that do not belong together. */
public class VaultException extends RuntimeException {

    VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
