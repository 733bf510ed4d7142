package io.forkcast.vault;

import org.springframework.stereotype.Component;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals secrets (access tokens) for storage and opens them again. AES-256-GCM with a fresh 96-bit nonce per
 * seal; the identity of the record that holds the secret (tenant, account, token type) is bound in as associated
 * data, so a ciphertext copied to another row does not open. Each sealed secret names its key, so old keys keep
 * opening what they sealed while {@link #needsResealing} finds what a rotation still has to move.
 */
@Component
public class Vault {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing keyRing;
    private final SecureRandom random = new SecureRandom();

    public Vault(VaultProperties properties) {
        this.keyRing = KeyRing.from(properties);
    }

    /**
     * Seals a secret under the active key.
     *
     * @param secret the plain secret
     * @param identity the parts that name the record holding it, in a fixed order (tenant id, account id, token
     *                 type); the same parts must be given to {@link #open}
     */
    public SealedSecret seal(String secret, String... identity) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keyRing.active(), nonce, identity);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            return new SealedSecret(keyRing.activeKeyId(), base64.encodeToString(nonce), base64.encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new VaultException("Sealing failed", e);
        }
    }

    /** Opens a secret sealed for the same identity; anything else (another row, a changed byte) fails. */
    public String open(SealedSecret sealed, String... identity) {
        SecretKey key = keyRing.key(sealed.keyId());
        if (key == null) {
            throw new VaultException("The secret was sealed with key '" + sealed.keyId()
                    + "', which is not in the key ring (forkcast.vault.keys)", null);
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, base64.decode(sealed.nonce()), identity);
            return new String(cipher.doFinal(base64.decode(sealed.ciphertext())), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new VaultException("The secret does not open: it was sealed for another record or altered", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new VaultException("The secret does not open: its nonce or ciphertext is malformed", e);
        }
    }

    /** Whether a secret was sealed with another key than the active one (and a rotation should move it). */
    public boolean needsResealing(SealedSecret sealed) {
        return !keyRing.activeKeyId().equals(sealed.keyId());
    }

    /** Opens a secret and seals it again under the active key, for the same identity. */
    public SealedSecret reseal(SealedSecret sealed, String... identity) {
        return seal(open(sealed, identity), identity);
    }

    /** The id of the key that seals new secrets. */
    public String activeKeyId() {
        return keyRing.activeKeyId();
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String... identity)
            throws GeneralSecurityException {
        if (nonce.length != NONCE_BYTES) {
            throw new GeneralSecurityException("nonce length");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData(identity));
        return cipher;
    }

    // Length-prefixed, so ("ab", "c") and ("a", "bc") are different identities.
    private static byte[] associatedData(String... identity) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : identity) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
