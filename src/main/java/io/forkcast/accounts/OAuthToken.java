package io.forkcast.accounts;

import io.forkcast.shared.Ids;
import io.forkcast.vault.SealedSecret;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One sealed token of an account: for Meta, {@code page} (what publishing uses) or {@code user} (the long-lived
 * user token, kept to be exchanged before it expires); for Google, {@code refresh} (the grant, no expiry) and
 * {@code access} (an hour's access token, refreshed before it expires). The token itself never leaves the vault's
 * seal here.
 */
@Entity
@Table(name = "oauth_tokens")
class OAuthToken {

    static final String PAGE = "page";
    static final String USER = "user";
    static final String REFRESH = "refresh";
    static final String ACCESS = "access";

    /** The token whose expiry, scopes and last check describe the account to its owner. */
    static String describing(io.forkcast.shared.Platform platform) {
        return platform == io.forkcast.shared.Platform.GOOGLE_BUSINESS ? REFRESH : PAGE;
    }

    @Id
    private UUID id;

    private UUID tenantId;

    private UUID accountId;

    private String tokenType;

    private String encryptedToken;

    @Column(name = "encryption_iv")
    private String nonce;

    private String keyId;

    private Instant expiresAt;

    private Instant dataAccessExpiresAt;

    private String scopes;

    private boolean isValid;

    private Instant lastCheckedAt;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected OAuthToken() {
    }

    OAuthToken(UUID tenantId, UUID accountId, String tokenType, Instant now) {
        this.id = Ids.newId();
        this.tenantId = tenantId;
        this.accountId = accountId;
        this.tokenType = tokenType;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = createdAt;
    }

    /** The identity the vault binds into the seal: a ciphertext copied to another row does not open. */
    static String[] identity(UUID tenantId, UUID accountId, String tokenType) {
        return new String[] {tenantId.toString(), accountId.toString(), tokenType};
    }

    String[] identity() {
        return identity(tenantId, accountId, tokenType);
    }

    void replace(SealedSecret sealed, Instant expiresAt, Instant dataAccessExpiresAt, List<String> scopes,
            Instant now) {
        reseal(sealed, now);
        this.expiresAt = truncated(expiresAt);
        this.dataAccessExpiresAt = truncated(dataAccessExpiresAt);
        this.scopes = scopes == null ? null : String.join(",", scopes);
        this.isValid = true;
    }

    void reseal(SealedSecret sealed, Instant now) {
        this.encryptedToken = sealed.ciphertext();
        this.nonce = sealed.nonce();
        this.keyId = sealed.keyId();
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /** What the health check learnt from Graph. */
    void checked(boolean valid, Instant expiresAt, Instant dataAccessExpiresAt, List<String> scopes, Instant now) {
        this.isValid = valid;
        if (valid) {
            this.expiresAt = truncated(expiresAt);
            this.dataAccessExpiresAt = truncated(dataAccessExpiresAt);
            this.scopes = String.join(",", scopes);
        }
        this.lastCheckedAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = lastCheckedAt;
    }

    SealedSecret sealed() {
        return new SealedSecret(keyId, nonce, encryptedToken);
    }

    UUID id() {
        return id;
    }

    UUID tenantId() {
        return tenantId;
    }

    UUID accountId() {
        return accountId;
    }

    String tokenType() {
        return tokenType;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant dataAccessExpiresAt() {
        return dataAccessExpiresAt;
    }

    List<String> scopes() {
        return scopes == null || scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(","));
    }

    boolean isValid() {
        return isValid;
    }

    Instant lastCheckedAt() {
        return lastCheckedAt;
    }

    private static Instant truncated(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
