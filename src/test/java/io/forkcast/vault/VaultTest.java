package io.forkcast.vault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VaultTest {

    private static final String KEY_1 = randomKey();
    private static final String KEY_2 = randomKey();
    private static final String[] IDENTITY = {"tenant-1", "account-1", "page"};

    private static Vault vault(Map<String, String> keys, String active) {
        return new Vault(new VaultProperties(keys, active, false, Path.of("unused")));
    }

    @Test
    void sealedSecretOpensForTheSameIdentity() {
        Vault vault = vault(Map.of("k1", KEY_1), "k1");

        SealedSecret sealed = vault.seal("EAAB-secret-token", IDENTITY);

        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(sealed.ciphertext()).doesNotContain("EAAB");
        assertThat(Base64.getDecoder().decode(sealed.nonce())).hasSize(12);
        assertThat(vault.open(sealed, IDENTITY)).isEqualTo("EAAB-secret-token");
    }

    @Test
    void everySealUsesAFreshNonce() {
        Vault vault = vault(Map.of("k1", KEY_1), "k1");

        SealedSecret first = vault.seal("same", IDENTITY);
        SealedSecret second = vault.seal("same", IDENTITY);

        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void ciphertextCopiedToAnotherRecordDoesNotOpen() {
        Vault vault = vault(Map.of("k1", KEY_1), "k1");
        SealedSecret sealed = vault.seal("token", IDENTITY);

        assertThatThrownBy(() -> vault.open(sealed, "tenant-2", "account-1", "page"))
                .isInstanceOf(VaultException.class).hasMessageContaining("another record");
        assertThatThrownBy(() -> vault.open(sealed, "tenant-1", "account-1", "user"))
                .isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> vault.open(sealed, "tenant-1account-1", "", "page"))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void alteredCiphertextDoesNotOpen() {
        Vault vault = vault(Map.of("k1", KEY_1), "k1");
        SealedSecret sealed = vault.seal("token", IDENTITY);
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[0] ^= 1;
        SealedSecret altered = new SealedSecret("k1", sealed.nonce(), Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> vault.open(altered, IDENTITY)).isInstanceOf(VaultException.class);
    }

    @Test
    void secretOfAnUnknownKeyFailsNamingTheKeyNotTheSecret() {
        SealedSecret sealed = vault(Map.of("k1", KEY_1), "k1").seal("token-xyz", IDENTITY);

        assertThatThrownBy(() -> vault(Map.of("k2", KEY_2), "k2").open(sealed, IDENTITY))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("'k1'")
                .hasMessageNotContaining("token-xyz");
    }

    /**
     * A rolling rotation: every instance first learns the new key while still sealing with the old one, then
     * switches to sealing with the new one, then the re-encryption moves old secrets, then the old key goes.
     * At every step every instance opens every secret that exists at that step.
     */
    @Test
    void keyRotationNeverLeavesASecretUnreadable() {
        Vault before = vault(Map.of("k1", KEY_1), "k1");
        SealedSecret old = before.seal("token-old", IDENTITY);

        Vault learning = vault(Map.of("k1", KEY_1, "k2", KEY_2), "k1");
        assertThat(learning.open(old, IDENTITY)).isEqualTo("token-old");
        assertThat(before.open(learning.seal("t", IDENTITY), IDENTITY)).isEqualTo("t");

        Vault rotating = vault(Map.of("k1", KEY_1, "k2", KEY_2), "k2");
        SealedSecret fresh = rotating.seal("token-new", IDENTITY);
        assertThat(rotating.open(old, IDENTITY)).isEqualTo("token-old");
        assertThat(learning.open(fresh, IDENTITY)).isEqualTo("token-new");
        assertThat(rotating.needsResealing(old)).isTrue();
        assertThat(rotating.needsResealing(fresh)).isFalse();

        SealedSecret moved = rotating.reseal(old, IDENTITY);
        assertThat(moved.keyId()).isEqualTo("k2");

        Vault after = vault(Map.of("k2", KEY_2), "k2");
        assertThat(after.open(moved, IDENTITY)).isEqualTo("token-old");
        assertThat(after.open(fresh, IDENTITY)).isEqualTo("token-new");
    }

    @Test
    void withoutAKeyAndWithoutDevKeysStartUpFailsNamingTheProperty() {
        assertThatThrownBy(() -> vault(Map.of(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("forkcast.vault.keys");
    }

    @Test
    void keyOfTheWrongLengthIsRefused() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> vault(Map.of("k1", short16), "k1"))
                .hasMessageContaining("forkcast.vault.keys.k1").hasMessageContaining("32 bytes");
    }

    @Test
    void activeKeyMustBeInTheRing() {
        assertThatThrownBy(() -> vault(Map.of("k1", KEY_1), "k9"))
                .hasMessageContaining("forkcast.vault.active-key-id");
    }

    @Test
    void devKeyIsGeneratedOnceWithOwnerOnlyPermissions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/vault-key");
        Vault first = new Vault(new VaultProperties(Map.of(), null, true, file));
        SealedSecret sealed = first.seal("token", IDENTITY);

        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        Vault restarted = new Vault(new VaultProperties(Map.of(), null, true, file));
        assertThat(restarted.open(sealed, IDENTITY)).isEqualTo("token");
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
