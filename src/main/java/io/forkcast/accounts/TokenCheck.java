package io.forkcast.accounts;

import io.forkcast.shared.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One row of {@code token_refresh_history}: a health check of one token, its outcome ({@code success},
 * {@code refreshed}, {@code invalid}, {@code failed}) and Graph's error code. Never the token.
 */
@Entity
@Table(name = "token_refresh_history")
class TokenCheck {

    static final String SUCCESS = "success";
    static final String REFRESHED = "refreshed";
    static final String INVALID = "invalid";
    static final String FAILED = "failed";
    /** Not checked: Google is switched off on this deployment, so its grants are left as they are. */
    static final String SKIPPED = "skipped";

    @Id
    private UUID id;

    private UUID tenantId;

    private UUID accountId;

    private UUID tokenId;

    private String outcome;

    private String errorCode;

    private String errorMessage;

    private Instant previousExpiresAt;

    private Instant newExpiresAt;

    private Instant createdAt;

    protected TokenCheck() {
    }

    TokenCheck(OAuthToken token, String outcome, String errorCode, String errorMessage, Instant previousExpiresAt,
            Instant newExpiresAt, Instant now) {
        this.id = Ids.newId();
        this.tenantId = token.tenantId();
        this.accountId = token.accountId();
        this.tokenId = token.id();
        this.outcome = outcome;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage == null || errorMessage.length() <= 2000
                ? errorMessage : errorMessage.substring(0, 2000);
        this.previousExpiresAt = previousExpiresAt;
        this.newExpiresAt = newExpiresAt;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    String outcome() {
        return outcome;
    }

    String errorCode() {
        return errorCode;
    }

    UUID tokenId() {
        return tokenId;
    }

    Instant createdAt() {
        return createdAt;
    }
}
