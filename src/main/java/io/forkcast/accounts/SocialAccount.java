package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import io.forkcast.shared.Ids;
import io.forkcast.tenancy.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.AfterDomainEventPublication;
import org.springframework.data.domain.DomainEvents;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Facebook Page or Instagram professional account a tenant connected. It guards its own status: connecting
 * (again) makes it active, the health check can mark it {@code needs_reconnect} with a reason, disconnecting
 * ends it while its history stays.
 */
@Entity
@Table(name = "social_accounts")
class SocialAccount {

    @Id
    private UUID id;

    private UUID tenantId;

    private Platform platform;

    private String platformUserId;

    @Column(name = "platform_username")
    private String username;

    private String accountType;

    private UUID parentAccountId;

    private AccountStatus status;

    private String statusReason;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "account_metadata")
    private Map<String, Object> metadata;

    private String metaUserId;

    private Instant connectedAt;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    @Transient
    private final List<Object> events = new ArrayList<>();

    protected SocialAccount() {
    }

    SocialAccount(UUID tenantId, Platform platform, String platformUserId, String accountType, Instant now) {
        this.id = Ids.newId();
        this.tenantId = tenantId;
        this.platform = platform;
        this.platformUserId = platformUserId;
        this.accountType = accountType;
        this.status = AccountStatus.ACTIVE;
        this.metadata = new LinkedHashMap<>();
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.connectedAt = createdAt;
        this.updatedAt = createdAt;
    }

    /** Connected (or reconnected) by the owner: active again, with what Graph says about it now. */
    void connect(String username, UUID parentAccountId, Map<String, Object> metadata, String metaUserId,
            Instant now) {
        this.username = username;
        this.metaUserId = metaUserId;
        this.parentAccountId = parentAccountId;
        this.metadata = new LinkedHashMap<>(metadata);
        this.status = AccountStatus.ACTIVE;
        this.statusReason = null;
        this.connectedAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = connectedAt;
    }

    /**
     * Forkcast can no longer act for the account until the owner reconnects it. Only the change from active raises
     * {@link AccountAccessLost} (published when the account is saved): a second finding of the same loss does not.
     */
    void needsReconnect(String reason, Instant now) {
        if (status == AccountStatus.DISCONNECTED) {
            return;
        }
        if (status == AccountStatus.ACTIVE) {
            events.add(new AccountAccessLost(new TenantId(tenantId), new AccountId(id), platform, username, reason));
        }
        this.status = AccountStatus.NEEDS_RECONNECT;
        this.statusReason = reason;
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /** The profile picture's address as Graph gave it now (Meta's CDN addresses change); null: none. */
    void pictureSeen(String url, Instant now) {
        if (java.util.Objects.equals(url, pictureUrl())) {
            return;
        }
        Map<String, Object> changed = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        if (url == null) {
            changed.remove(PICTURE_URL);
        } else {
            changed.put(PICTURE_URL, url);
        }
        this.metadata = changed;
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    static final String PICTURE_URL = "picture_url";

    String pictureUrl() {
        return metadata != null && metadata.get(PICTURE_URL) instanceof String url ? url : null;
    }

    void disconnect(Instant now) {
        this.status = AccountStatus.DISCONNECTED;
        this.statusReason = "Disconnected on " + now.truncatedTo(ChronoUnit.SECONDS) + "; connect it again to use it.";
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Meta says the user removed the app: Forkcast can no longer act for the account until the owner connects it
     * again. Unlike an owner's disconnect the account stays visible as needing attention.
     */
    void deauthorized(String reason, Instant now) {
        needsReconnect(reason, now);
    }

    /**
     * Meta asks for the user's data to be deleted: what the connect brought about the user (name, metadata, the
     * Meta user id) is forgotten; the row stays so that the restaurant's posts keep their account.
     */
    void forgetMetaUser(String reason, Instant now) {
        this.username = null;
        this.metadata = new LinkedHashMap<>();
        this.metaUserId = null;
        this.status = AccountStatus.DISCONNECTED;
        this.statusReason = reason;
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    AccountId id() {
        return new AccountId(id);
    }

    UUID tenantId() {
        return tenantId;
    }

    Platform platform() {
        return platform;
    }

    @DomainEvents
    List<Object> events() {
        return List.copyOf(events);
    }

    @AfterDomainEventPublication
    void clearEvents() {
        events.clear();
    }

    /** What the connect recorded about the account (read-only). */
    Map<String, Object> metadata() {
        return metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(metadata);
    }

    String platformUserId() {
        return platformUserId;
    }

    String username() {
        return username;
    }

    String accountType() {
        return accountType;
    }

    UUID parentAccountId() {
        return parentAccountId;
    }

    AccountStatus status() {
        return status;
    }

    String statusReason() {
        return statusReason;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
